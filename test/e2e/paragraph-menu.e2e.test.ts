/// <reference lib="dom" />
/**
 * The paragraph menu with a selection over two paragraphs (issue 23, minor): the model edits one
 * paragraph, and Rewrite used to change only the first, silently. Now the menu says so and offers
 * no edit until the selection is within one paragraph. No model is needed to see the menu.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';
import { STEP_TIMEOUT } from './writer-steps';

let studio: StudioInBrowser;
let page: Page;

beforeAll(async () => {
  studio = await openStudioInBrowser();
  page = studio.page;
}, 60_000);
afterAll(() => studio?.close());

const paragraphs = () => page.locator('[data-testid="editor"] .ProseMirror > p');

describe('the paragraph menu', () => {
  it('says it edits one paragraph at a time when the selection spans two, and offers no edit', async () => {
    await page.getByTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Escape');
    await page.getByTestId('model-setup').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.locator('[data-testid="editor"] .ProseMirror').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Boats go out early.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Nets dry on the quay.');
    const count = await paragraphs().count();
    const first = paragraphs().nth(count - 2);
    const second = paragraphs().nth(count - 1);

    // From the middle of the first paragraph into the second.
    const start = (await first.boundingBox())!;
    const end = (await second.boundingBox())!;
    await page.mouse.click(start.x + 20, start.y + start.height / 2);
    await page.keyboard.down('Shift');
    await page.mouse.click(end.x + 30, end.y + end.height / 2);
    await page.keyboard.up('Shift');
    await page.getByTestId('paragraph-menu-note').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('paragraph-menu-note').innerText()).toMatch(/one paragraph at a time/i);
    for (const action of ['rewrite', 'expand', 'shorten', 'insert-before', 'insert-after'])
      expect(await page.getByTestId(`edit-${action}`).isDisabled(), action).toBe(true);
    await studio.screenshot('91-paragraph-menu-two-paragraphs');

    // Within one paragraph: the edits are offered, the note is gone.
    await second.click({ clickCount: 3 });
    await page.getByTestId('edit-rewrite').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('edit-rewrite').isDisabled()).toBe(false);
    expect(await page.getByTestId('paragraph-menu-note').count()).toBe(0);
  });
});
