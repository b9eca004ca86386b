/// <reference lib="dom" />
/**
 * The first article is found again (issue 23, major 6), in Chromium on a fresh data folder: an
 * autosave is not called "Saved" (the project file was still empty), the first save names the
 * first-run project after the article's heading, and after File > New it is on the recent list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StudioInBrowser } from './studio-browser';
import { openStudioWithDemoModel } from './studio-with-demo-model';
import { STEP_TIMEOUT, article, articleText, fileDialog, openFileDialog } from './writer-steps';

let studio: StudioInBrowser;
let page: Page;

beforeAll(async () => {
  studio = await openStudioWithDemoModel();
  page = studio.page;
}, 120_000);
afterAll(async () => {
  await studio?.close();
});

const saveState = () => page.getByTestId('save-state');
const waitForSaveState = (state: string) =>
  page.waitForFunction((wanted) => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === wanted, state, {
    timeout: STEP_TIMEOUT,
  });
const projectDir = async () => (await page.getByTestId('project-title').getAttribute('title')) ?? '';

describe('the first article', () => {
  it('is not "Saved" while only the autosave has it', async () => {
    const untitled = await projectDir();
    expect(path.basename(untitled)).toBe('Untitled.folio');
    await article(page).click();
    await page.keyboard.type('# Harbour towns');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The boats come in at dawn.');
    await waitForSaveState('backed-up');
    expect(await saveState().innerText()).not.toMatch(/^Saved$/);
    expect(readFileSync(path.join(untitled, 'document.json'), 'utf8')).not.toContain('The boats come in at dawn.');
    await studio.screenshot('84-first-article-backed-up');
  });

  it('takes its heading as its name on the first save, and says Saved once the project file has it', async () => {
    await page.keyboard.press('Control+s');
    await waitForSaveState('saved');
    expect(await saveState().innerText()).toBe('Saved');
    const named = await projectDir();
    expect(named).toBe(path.join(studio.dataDir, 'projects', 'Harbour towns.folio'));
    expect(readFileSync(path.join(named, 'document.json'), 'utf8')).toContain('The boats come in at dawn.');
    expect(await page.getByTestId('project-title').innerText()).toBe('Harbour towns');
  });

  it('is on the recent list after File > New, and opens from it', async () => {
    await openFileDialog(page);
    await page.getByTestId('new-project').click();
    await fileDialog(page).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    expect(await articleText(page)).not.toContain('The boats come in at dawn.');
    await openFileDialog(page);
    const recent = fileDialog(page).getByRole('button', { name: 'Harbour towns', exact: true });
    await recent.waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('85-first-article-in-recent');
    await recent.click();
    await fileDialog(page).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="editor"]')?.textContent?.includes('The boats come in at dawn.'),
      undefined,
      {
        timeout: STEP_TIMEOUT,
      },
    );
  });
});
