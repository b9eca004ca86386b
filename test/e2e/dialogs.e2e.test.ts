/// <reference lib="dom" />
/**
 * Every dialog of the studio behaves alike (issue 25 item 4, issue 23's focus minors), in
 * Debian's Chromium: focus moves into it (the first field where there is one), Tab and Shift+Tab
 * go round inside it and never reach the page behind, Escape closes it and focus goes back to
 * what opened it, or to the article when what it was asked for is done (New) or nothing had
 * focus (the first-run model setup, which can be closed before any model is loaded). A notice
 * shown while a dialog is open is inside the dialog: readable, dismissable, inside the Tab round.
 * No model is loaded: none of this needs one.
 */
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';
import { STEP_TIMEOUT } from './writer-steps';

const home = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'folio-dialogs-home-')));
const savedHome = process.env.HOME;
let studio: StudioInBrowser;
let page: Page;

beforeAll(async () => {
  // Something in every picker's first folder (they start in Documents), so the listing is seen to arrive.
  mkdirSync(path.join(home, 'Documents', 'Drafts'), { recursive: true });
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

/** What has focus: its test id, the test id of the dialog it is in (null outside any), and whether it is in the article. */
const focused = () =>
  page.evaluate(() => {
    const active = document.activeElement;
    return {
      testId: active?.getAttribute('data-testid') ?? null,
      dialog: active?.closest('dialog')?.getAttribute('data-testid') ?? null,
      inArticle: Boolean(active?.closest('.ProseMirror')),
    };
  });

/** Tab round the dialog and back (more presses than it has controls), then Shift+Tab: focus never leaves `dialog`. */
async function expectTabStaysIn(dialog: string): Promise<void> {
  const controls = await byTestId(dialog).evaluate(
    (element) => element.querySelectorAll('button, input, select, textarea, summary, a[href], [tabindex="0"]').length,
  );
  for (const key of ['Tab', 'Shift+Tab']) {
    const seen = new Set<string>();
    for (let press = 0; press < controls + 3; press += 1) {
      await page.keyboard.press(key);
      const now = await focused();
      expect(now.dialog, `${key} ${press + 1} in ${dialog} went to ${now.testId ?? 'an element without a test id'}`).toBe(dialog);
      seen.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? ''));
    }
    // It went round: more than one control was reached.
    expect(seen.size, `${key} in ${dialog}`).toBeGreaterThan(1);
  }
}

async function openFileDialog(): Promise<void> {
  await byTestId('open-file-menu').click();
  await byTestId('project-dialog').waitFor({ timeout: 10_000 });
}

describe('dialogs', () => {
  it('the first-run model setup takes focus, can be closed with Escape before any model, and gives the article the keyboard', async () => {
    await byTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
    await page.getByRole('button', { name: /nonsense/i }).waitFor({ timeout: STEP_TIMEOUT });
    expect((await focused()).dialog).toBe('model-setup');
    expect(await page.getByRole('button', { name: 'Close model setup' }).isVisible()).toBe(true);
    await expectTabStaysIn('model-setup');
    await page.keyboard.press('Escape');
    await byTestId('model-setup').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.waitForFunction(() => Boolean(document.activeElement?.closest('.ProseMirror')), undefined, { timeout: 10_000 });
    await page.keyboard.type('Harbour towns');
    expect(await page.locator('.ProseMirror').innerText()).toContain('Harbour towns');

    // From the toolbar: Escape gives focus back to the Model button.
    await byTestId('open-model-setup').click();
    await byTestId('model-setup').waitFor({ timeout: 10_000 });
    expect((await focused()).dialog).toBe('model-setup');
    await page.keyboard.press('Escape');
    await byTestId('model-setup').waitFor({ state: 'hidden', timeout: 10_000 });
    expect((await focused()).testId).toBe('open-model-setup');
  });

  it('the File dialog focuses its first field, keeps Tab inside, and closes by Escape, × or the backdrop back to the File button', async () => {
    await openFileDialog();
    expect(await focused()).toMatchObject({ testId: 'new-project-title', dialog: 'project-dialog' });
    await expectTabStaysIn('project-dialog');
    await page.keyboard.press('Escape');
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
    expect((await focused()).testId).toBe('open-file-menu');

    await openFileDialog();
    await byTestId('close-project-dialog').click();
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
    expect((await focused()).testId).toBe('open-file-menu');

    // The backdrop: a click beside the dialog.
    await openFileDialog();
    await page.mouse.click(4, 4);
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
    // A click on the page behind does nothing while it is open: the page is inert.
    await openFileDialog();
    expect(await page.evaluate(() => document.querySelector('.app-frame')?.matches(':has(:focus)') ?? true)).toBe(false);
    expect(await page.evaluate(() => document.querySelector('dialog[data-testid="project-dialog"]')?.matches(':modal'))).toBe(true);
    await page.keyboard.press('Escape');
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('a notice shown while the File dialog is open is inside it: read, dismissed, and Tab still stays inside', async () => {
    await openFileDialog();
    await byTestId('open-project-path').fill(path.join(home, 'Nowhere.folio'));
    await byTestId('open-project').click();
    const toast = byTestId('toast').first();
    await toast.waitFor({ timeout: 10_000 });
    expect(await toast.evaluate((element) => element.closest('dialog')?.getAttribute('data-testid'))).toBe('project-dialog');
    await expectTabStaysIn('project-dialog');
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await toast.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await byTestId('project-dialog').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('each folder picker of the File dialog takes focus, keeps Tab inside, and Escape closes only it, back to its Browse button', async () => {
    await openFileDialog();
    for (const [field, firstFocus] of [
      ['import-path', 'picker-list'],
      ['open-project-path', 'picker-list'],
      ['save-as-path', 'picker-file-name'],
      ['export-path', 'picker-file-name'],
    ] as const) {
      await byTestId(`${field}-browse`).click();
      await byTestId('folder-picker').waitFor({ timeout: 10_000 });
      await byTestId('picker-entry').first().waitFor({ timeout: 10_000 });
      expect(await focused(), field).toMatchObject({ testId: firstFocus, dialog: 'folder-picker' });
      await expectTabStaysIn('folder-picker');
      await page.keyboard.press('Escape');
      await byTestId('folder-picker').waitFor({ state: 'hidden', timeout: 10_000 });
      expect(await byTestId('project-dialog').isVisible(), field).toBe(true);
      expect((await focused()).testId, field).toBe(`${field}-browse`);
    }
    await page.keyboard.press('Escape');
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('after New the article has the keyboard: typing goes in and Ctrl+Z undoes it', async () => {
    await openFileDialog();
    await page.keyboard.type('Dialog walk');
    await page.keyboard.press('Enter');
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await page.waitForFunction(() => Boolean(document.activeElement?.closest('.ProseMirror')), undefined, { timeout: 10_000 });
    const before = await page.locator('.ProseMirror').innerText();
    await page.keyboard.type('Quay');
    expect(await page.locator('.ProseMirror').innerText()).toContain('Quay');
    await page.keyboard.press('Control+z');
    expect(await page.locator('.ProseMirror').innerText()).toBe(before);
    await studio.screenshot('90-dialogs-after-new');
  });
});
