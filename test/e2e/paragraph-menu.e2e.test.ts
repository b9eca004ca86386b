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

  it('leaves the line above visible and clickable (the bubble covered it and took its clicks)', async () => {
    const count = await paragraphs().count();
    const above = paragraphs().nth(count - 2);
    const below = paragraphs().nth(count - 1);
    await above.click();
    await page.getByTestId('edit-rewrite').waitFor({ state: 'detached', timeout: 10_000 });
    await below.click({ clickCount: 3 });
    const menu = page.locator('.paragraph-menu');
    await page.getByTestId('edit-rewrite').waitFor({ timeout: 10_000 });
    // The room is made just after the menu shows.
    await page.waitForFunction(() => document.querySelector('.article p.has-paragraph-menu') !== null);
    const line = (await above.boundingBox())!;
    const bar = (await menu.boundingBox())!;
    await studio.screenshot('92-paragraph-menu-room');
    expect(bar.y, 'the menu starts below the line above').toBeGreaterThanOrEqual(line.y + line.height);
    // What a click on the line above reaches, at points across the menu's width.
    const reached = await page.evaluate(
      ({ xs, y }) => xs.map((x) => Boolean(document.elementFromPoint(x, y)?.closest('.ProseMirror > p'))),
      { xs: [bar.x + 10, bar.x + bar.width / 2, bar.x + bar.width - 10], y: line.y + line.height - 4 },
    );
    expect(reached).toEqual([true, true, true]);
    await page.mouse.click(bar.x + 10, line.y + line.height / 2);
    expect(await page.evaluate(() => window.getSelection()?.anchorNode?.textContent)).toBe('Boats go out early.');
  });
});
