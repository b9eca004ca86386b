/// <reference lib="dom" />
/**
 * The studio on a 900x700 window (issue 23, major 7), in Chromium: nothing scrolls sideways, the
 * paragraph menu's Notes field and the figure's tools stay inside the article's page, the side
 * panel hides with a button and with Ctrl+\ (giving the article the width), and the File dialog
 * shows Open and Save As whole however long the recent list is. Screenshots 86-89.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writePictureFolder } from '../fixtures/images';
import type { StudioInBrowser } from './studio-browser';
import { openStudioWithDemoModel } from './studio-with-demo-model';
import { SCROLLERS, hiddenButtons, scrollingSideways, within } from './layout-checks';
import { STEP_TIMEOUT, addReferencePicture, closeFileDialog, composeArticle, fileDialog, openFileDialog } from './writer-steps';

let studio: StudioInBrowser;
let page: Page;

beforeAll(async () => {
  studio = await openStudioWithDemoModel();
  page = studio.page;
  await page.setViewportSize({ width: 900, height: 700 });
}, 120_000);
afterAll(async () => {
  await studio?.close();
});

describe('the studio at 900x700', () => {
  it('composes an article with figures and nothing scrolls sideways', async () => {
    const pictures = await writePictureFolder(path.join(studio.dataDir, 'pictures'), 2);
    for (const picture of pictures) await addReferencePicture(page, picture);
    await composeArticle(page, '# Harbour towns\n## Boats\n## Nets', 2);
    expect(await scrollingSideways(page, SCROLLERS)).toEqual([]);
    await studio.screenshot('86-laptop-composed');
  });

  it('keeps the figure tools inside the figure and the paragraph menu (Notes too) inside the page', async () => {
    const figure = page.getByTestId('figure').first();
    await figure.scrollIntoViewIfNeeded();
    await figure.hover();
    expect(await within(figure.locator('.figure-tools'), figure)).toBeNull();
    expect(await hiddenButtons(figure.locator('.figure-tools'))).toEqual([]);
    await studio.screenshot('87-laptop-figure-tools');

    const paragraph = page.locator('[data-testid="editor"] .ProseMirror > p').first();
    await paragraph.scrollIntoViewIfNeeded();
    await paragraph.click({ clickCount: 3 });
    const notes = page.getByRole('textbox', { name: 'Notes for the model (optional)' });
    await notes.waitFor({ timeout: STEP_TIMEOUT });
    expect(await within(notes, page.locator('.editor-column'))).toBeNull();
    expect(await scrollingSideways(page, SCROLLERS)).toEqual([]);
    await studio.screenshot('88-laptop-paragraph-menu');
  });

  it('hides the side panel with its button and brings it back with Ctrl+\\', async () => {
    const column = page.locator('.editor-column');
    const narrow = (await column.boundingBox())!.width;
    const toggle = page.getByRole('button', { name: 'Hide tools' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.click();
    await page.getByRole('complementary', { name: 'Tools' }).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    expect((await column.boundingBox())!.width).toBe(900);
    expect(narrow).toBeLessThan(900 - 250);
    expect(await scrollingSideways(page, SCROLLERS)).toEqual([]);
    await page.getByRole('textbox', { name: 'Article' }).click();
    await page.keyboard.press('Control+\\');
    await page.getByRole('complementary', { name: 'Tools' }).waitFor({ timeout: STEP_TIMEOUT });
    expect(await page.getByRole('button', { name: 'Hide tools' }).getAttribute('aria-expanded')).toBe('true');
    // What was typed in the panel is still there.
    expect(await page.getByRole('textbox', { name: 'Outline or instruction' }).inputValue()).toContain('Harbour towns');
  });

  it('shows the File dialog’s Open and Save As whole with a long recent list', async () => {
    for (let made = 1; made <= 8; made++) {
      await openFileDialog(page);
      await page.getByTestId('new-project-title').fill(`Walk ${made}`);
      await page.getByTestId('new-project').click();
      await fileDialog(page).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    }
    await openFileDialog(page);
    expect(await page.getByTestId('recent-project').count()).toBeGreaterThanOrEqual(8);
    for (const name of ['New', 'Open', 'Save as'])
      expect(await within(fileDialog(page).getByRole('button', { name, exact: true }), page.locator('html'))).toBeNull();
    const hidden = await hiddenButtons(fileDialog(page));
    expect(hidden.filter((name) => ['New', 'Import', 'Open', 'Save as', 'Close'].includes(name))).toEqual([]);
    await studio.screenshot('89-laptop-file-dialog');
    await closeFileDialog(page);
  });
});
