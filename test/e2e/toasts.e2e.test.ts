/// <reference lib="dom" />
/**
 * Notices stay off the side panel (issue 23, minor: "Toasts cover the Compose button"): three
 * error notices at once, at 1280x800 and 900x700, leave the Compose button whole and on top, and
 * with the tools hidden they still show, inside the window. No model is needed for a notice.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hiddenButtons, within } from './layout-checks';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';
import { STEP_TIMEOUT, closeFileDialog, openFileDialog } from './writer-steps';

let studio: StudioInBrowser;
let page: Page;

beforeAll(async () => {
  studio = await openStudioInBrowser();
  page = studio.page;
  await page.getByTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
  await page.keyboard.press('Escape');
  await page.getByTestId('model-setup').waitFor({ state: 'hidden', timeout: 10_000 });
}, 60_000);
afterAll(() => studio?.close());

const toasts = () => page.getByTestId('toast');

describe('notices', () => {
  it('leave the Compose button whole and on top', async () => {
    // An error notice stays until dismissed: three failed opens make a tall stack.
    for (let tries = 1; tries <= 3; tries++) {
      await openFileDialog(page);
      await page.getByTestId('open-project-path').fill(path.join(os.tmpdir(), `folio-nowhere-${tries}.folio`));
      await page.getByTestId('open-project').click();
      await toasts()
        .nth(tries - 1)
        .waitFor({ timeout: 10_000 });
      await closeFileDialog(page);
    }
    for (const [width, height] of [
      [1280, 800],
      [900, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      const compose = page.getByTestId('compose');
      expect(await toasts().count()).toBe(3);
      expect(await hiddenButtons(compose.locator('..')), `${width}x${height}`).toEqual([]);
      for (let index = 0; index < 3; index++) expect(await within(toasts().nth(index), page.locator('.editor-column'))).toBeNull();
      await studio.screenshot(`93-toasts-${width}x${height}`);
    }
    await page.getByRole('button', { name: 'Hide tools' }).click();
    for (let index = 0; index < 3; index++) expect(await within(toasts().nth(index), page.locator('.app'))).toBeNull();
  });
});
