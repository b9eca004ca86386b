/// <reference lib="dom" />
/**
 * The browser studio's folder picker in Debian's Chromium: every Browse… button opens it (no
 * native dialogs here), and a writer chooses a model file, a library folder, saves and opens a
 * project and exports, without typing a path. Home is a temporary folder (the server reads
 * HOME at each listing). Screenshots land in test/artifacts/71-….
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writePictureFolder } from '../fixtures/images';
import { seriousAxeViolations } from './page-queries';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';

const STEP_TIMEOUT = 90_000;
const home = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'folio-picker-home-')));
const savedHome = process.env.HOME;
let studio: StudioInBrowser;
let page: Page;

beforeAll(async () => {
  mkdirSync(path.join(home, 'Documents'));
  mkdirSync(path.join(home, 'models'));
  writeFileSync(path.join(home, 'models', 'harbour-decoder.gguf'), 'not a real model: only chosen, never loaded');
  writeFileSync(path.join(home, 'models', 'readme.txt'), 'not offered for a model file');
  await writePictureFolder(path.join(home, 'Pictures', 'Harbour'), 3);
  studio = await openStudioInBrowser();
  page = studio.page;
  // After the browser started, so that Chromium keeps its own profile out of the test's home.
  process.env.HOME = home;
}, 60_000);
afterAll(async () => {
  process.env.HOME = savedHome;
  await studio?.close();
});

const byTestId = (id: string) => page.getByTestId(id);
const picker = () => byTestId('folder-picker');
const entry = (name: string) => byTestId('picker-entry').filter({ hasText: name });
const activeTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

async function waitForEntries(...names: string[]): Promise<void> {
  for (const name of names) await entry(name).first().waitFor({ timeout: 10_000 });
}

async function openFileDialog(): Promise<void> {
  await byTestId('open-file-menu').click();
  await byTestId('project-dialog').waitFor({ timeout: 10_000 });
}

describe('choosing files and folders in the browser studio', () => {
  it('chooses the model file with the keyboard; Escape closes only the picker', async () => {
    await byTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('.other-choices summary').click();
    await byTestId('decoder-path-browse').click();
    await picker().waitFor({ timeout: 10_000 });
    await waitForEntries('models', 'Pictures');
    expect(await page.getByRole('dialog', { name: 'Choose the model file' }).count()).toBe(1);
    expect(await activeTestId()).toBe('picker-list');
    // Type-to-find, Enter goes in; only .gguf files are offered.
    await page.keyboard.type('mo');
    await page.keyboard.press('Enter');
    await waitForEntries('harbour-decoder.gguf');
    expect(await byTestId('picker-entry').allInnerTexts()).toEqual([expect.stringMatching(/^harbour-decoder\.gguf/)]);
    await page.keyboard.press('ArrowDown');
    await studio.screenshot('71-picker-model-file');
    // Focus stays inside the picker, whichever way the writer tabs.
    for (const key of [
      'Tab',
      'Tab',
      'Tab',
      'Tab',
      'Tab',
      'Tab',
      'Tab',
      'Tab',
      'Tab',
      'Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
      'Shift+Tab',
    ]) {
      await page.keyboard.press(key);
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="folder-picker"]'))), key).toBe(true);
    }
    await page.getByTestId('picker-list').focus();
    await page.keyboard.press('Enter');
    await picker().waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await byTestId('decoder-path').inputValue()).toBe(path.join(home, 'models', 'harbour-decoder.gguf'));
    expect(await activeTestId()).toBe('decoder-path-browse');

    // Backspace goes up; Escape closes the picker and leaves the model setup open.
    await byTestId('decoder-path-browse').click();
    await waitForEntries('harbour-decoder.gguf');
    await page.keyboard.press('Backspace');
    await waitForEntries('Pictures');
    await page.keyboard.press('Escape');
    await picker().waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await byTestId('model-setup').isVisible()).toBe(true);
    expect(await byTestId('decoder-path').inputValue()).toBe(path.join(home, 'models', 'harbour-decoder.gguf'));

    await byTestId('use-demo-model').click();
    await byTestId('composer').waitFor({ timeout: STEP_TIMEOUT });
  });

  it('chooses a library folder by double-click and Choose, then indexes it', async () => {
    await byTestId('tab-library').click();
    await byTestId('library-folder-browse').click();
    await waitForEntries('Pictures');
    // Home is the top: the places are home and Folio's own folders, and nothing above home is offered.
    expect(await byTestId('picker-place').allInnerTexts()).toEqual(['Home', 'Projects', 'Folio data']); // no models folder yet: none is offered
    await page.keyboard.press('Backspace');
    expect(await page.locator('.picker-crumbs button').allInnerTexts()).toEqual(['Home']);
    await entry('Pictures').dblclick();
    await waitForEntries('Harbour');
    await entry('Harbour').click();
    expect(await byTestId('picker-chosen').innerText()).toBe(path.join(home, 'Pictures', 'Harbour'));
    await studio.screenshot('71-picker-library-folder');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await byTestId('picker-choose').click();
    await picker().waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await byTestId('library-folder').inputValue()).toBe(path.join(home, 'Pictures', 'Harbour'));
    await byTestId('library-index').click();
    await page.waitForFunction(() => /Done\./.test(document.querySelector('[data-testid="library-panel"]')?.textContent ?? ''), undefined, {
      timeout: STEP_TIMEOUT,
    });
  });

  it('saves the project as, and opens it again, through the picker', async () => {
    await openFileDialog();
    await byTestId('save-as-path-browse').click();
    await waitForEntries('Documents');
    expect(await activeTestId()).toBe('picker-file-name');
    await page.keyboard.type('Harbour towns');
    await entry('Documents').dblclick();
    await page.locator('.picker-crumbs button[aria-current]', { hasText: 'Documents' }).waitFor({ timeout: 10_000 });
    await byTestId('picker-choose').click();
    const saved = path.join(home, 'Documents', 'Harbour towns.folio');
    expect(await byTestId('save-as-path').inputValue()).toBe(saved);
    // Choose filled the field and nothing else: the File dialog is still open, its Save as not yet pressed.
    expect(await byTestId('project-dialog').isVisible()).toBe(true);
    expect(await activeTestId()).toBe('save-as-path-browse');
    await byTestId('save-as').click();
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await page.waitForFunction(() => document.querySelector('[data-testid="project-title"]')?.textContent === 'Harbour towns', undefined, {
      timeout: STEP_TIMEOUT,
    });
    expect(existsSync(path.join(saved, 'project.json'))).toBe(true);

    await openFileDialog();
    await byTestId('new-project-title').fill('Something else');
    await byTestId('new-project').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="project-title"]')?.textContent === 'Something else', undefined, {
      timeout: STEP_TIMEOUT,
    });

    await openFileDialog();
    await byTestId('open-project-path-browse').click();
    await entry('Documents').dblclick();
    await waitForEntries('Harbour towns.folio');
    expect(await entry('Harbour towns.folio').getAttribute('data-kind')).toBe('project');
    // A project opens on double-click, as a file would; it is not entered.
    await entry('Harbour towns.folio').dblclick();
    await picker().waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await byTestId('open-project-path').inputValue()).toBe(saved);
    await byTestId('open-project').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="project-title"]')?.textContent === 'Harbour towns', undefined, {
      timeout: STEP_TIMEOUT,
    });
  });

  it('exports under the suggested name in Documents, in light and dark', async () => {
    await openFileDialog();
    await byTestId('export-format').selectOption('html');
    await byTestId('export-path-browse').click();
    await waitForEntries('Harbour towns.folio');
    expect(await byTestId('picker-file-name').inputValue()).toBe('Harbour towns');
    expect(await page.locator('.picker-crumbs button').allInnerTexts()).toEqual(['Home', 'Documents']);
    await studio.screenshot('71-picker-export-light');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await studio.screenshot('71-picker-export-dark');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    // New folder: made here, entered, and the name kept.
    await byTestId('picker-new-folder').click();
    await page.keyboard.type('Exports');
    await page.keyboard.press('Enter');
    await page.locator('.picker-crumbs button[aria-current]', { hasText: 'Exports' }).waitFor({ timeout: 10_000 });
    expect(await activeTestId()).toBe('picker-file-name');
    expect(await byTestId('folder-picker').isVisible()).toBe(true);
    await byTestId('picker-choose').click();
    const exported = path.join(home, 'Documents', 'Exports', 'Harbour towns.html');
    expect(await byTestId('export-path').inputValue()).toBe(exported);
    await byTestId('export').click();
    await byTestId('toast')
      .filter({ hasText: /Exported to .*Harbour towns\.html/ })
      .waitFor({ timeout: STEP_TIMEOUT });
    expect(existsSync(exported)).toBe(true);

    // The exported page is offered to be replaced the next time.
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
    await openFileDialog();
    await byTestId('export-format').selectOption('html');
    await byTestId('export-path-browse').click();
    await waitForEntries('Exports');
    await entry('Exports').dblclick();
    await waitForEntries('Harbour towns.html');
    expect(await byTestId('picker-entry').allInnerTexts()).toEqual([expect.stringMatching(/^Harbour towns\.html/)]);
    await page.keyboard.press('Escape');
    await picker().waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await byTestId('project-dialog').isVisible()).toBe(true);
  });
});
