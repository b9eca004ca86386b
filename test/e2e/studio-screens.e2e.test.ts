/// <reference lib="dom" />
/**
 * The main screens at 1280x800 and 900x700, light and dark (issue 23, Done when): compose, a
 * composed article with its figures, the library, Ask, the File and Model dialogs, each
 * screenshot to test/artifacts/90-<size>-<theme>-<screen>.png for a person to look at, and each
 * measured: nothing scrolls sideways, a dialog fits the window with its header's buttons whole.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writePictureFolder } from '../fixtures/images';
import { SCROLLERS, hiddenButtons, scrollingSideways, within } from './layout-checks';
import type { StudioInBrowser } from './studio-browser';
import { openStudioWithDemoModel } from './studio-with-demo-model';
import {
  STEP_TIMEOUT,
  addReferencePicture,
  closeFileDialog,
  composeArticle,
  fileDialog,
  modelDialog,
  openFileDialog,
} from './writer-steps';

let studio: StudioInBrowser;
let page: Page;

beforeAll(async () => {
  studio = await openStudioWithDemoModel();
  page = studio.page;
  const pictures = await writePictureFolder(path.join(studio.dataDir, 'Harbour pictures'), 2);
  for (const picture of pictures) await addReferencePicture(page, picture);
  await composeArticle(page, '# Harbour towns\n## Boats\n## Nets', 2);
  await page.keyboard.press('Control+s');
}, 300_000);
afterAll(async () => {
  await studio?.close();
});

/** What the screen shows wrongly: sideways scrolling anywhere, and for a dialog, a box past the window or a header button cut. */
async function layoutProblems(dialog?: ReturnType<typeof fileDialog>): Promise<string[]> {
  const problems = await scrollingSideways(page, [...SCROLLERS, '.dialog', '.dialog-body']);
  if (dialog) {
    const outside = await within(dialog, page.locator('html'));
    if (outside) problems.push(`dialog ${outside}`);
    problems.push(...(await hiddenButtons(dialog.locator('.dialog-header'))).map((name) => `header button ${name} not whole`));
  }
  return problems;
}

async function shoot(size: string, theme: string, screen: string, dialog?: ReturnType<typeof fileDialog>): Promise<void> {
  await studio.screenshot(`90-${size}-${theme}-${screen}`);
  expect(await layoutProblems(dialog), `${size} ${theme} ${screen}`).toEqual([]);
}

describe.each([
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
])('the main screens at $width x $height', ({ width, height }) => {
  it.each(['light', 'dark'])('in the %s theme fit the window', async (theme) => {
    const size = `${width}x${height}`;
    await page.setViewportSize({ width, height });
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.getByTestId('theme-toggle').click();
    await page.getByRole('tab', { name: 'Compose' }).click();
    await page.locator('.editor-column').evaluate((column) => column.scrollTo(0, 0));
    await shoot(size, theme, 'compose');
    const figure = page.getByTestId('figure').first();
    await figure.scrollIntoViewIfNeeded();
    await figure.hover();
    await shoot(size, theme, 'article-figure');
    await page.getByRole('tab', { name: 'Library' }).click();
    await shoot(size, theme, 'library');
    await page.getByRole('tab', { name: 'Ask' }).click();
    await shoot(size, theme, 'ask');
    await openFileDialog(page);
    await shoot(size, theme, 'file-dialog', fileDialog(page));
    await closeFileDialog(page);
    await page.getByTestId('open-model-setup').click();
    await modelDialog(page).waitFor({ timeout: STEP_TIMEOUT });
    await shoot(size, theme, 'model-dialog', modelDialog(page));
    await page.keyboard.press('Escape');
    await modelDialog(page).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  });
});
