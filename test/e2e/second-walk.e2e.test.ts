/// <reference lib="dom" />
/**
 * The second newcomer's walk (issue 23), each major defect replayed in Chromium the way the
 * writer met it, on a fresh data folder. Screenshots land in test/artifacts/ (names start 80-).
 * Cancel (major 1) has its own file: cancel-keeps-article.e2e.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writePictureFolder } from '../fixtures/images';
import { editorFormatting, paragraphTexts } from './page-queries';
import type { StudioInBrowser } from './studio-browser';
import { openStudioWithDemoModel } from './studio-with-demo-model';
import {
  STEP_TIMEOUT,
  article,
  articleText,
  articleTextOnly,
  dismissToasts,
  exportArticle,
  typeArticle,
  waitForJobsToEnd,
} from './writer-steps';

let studio: StudioInBrowser;
let page: Page;

beforeAll(async () => {
  studio = await openStudioWithDemoModel();
  page = studio.page;
}, 120_000);
afterAll(async () => {
  await studio?.close();
});

describe('the second newcomer walks through the studio', () => {
  it('says before the first compose that the library is empty, and makes no figure that could only stay empty (major 2)', async () => {
    await page.getByRole('tab', { name: 'Compose' }).click();
    // As a newcomer finds it: Use my library ticked, nothing indexed, no reference pictures.
    expect(await page.getByRole('checkbox', { name: 'Use my library' }).isChecked()).toBe(true);
    const note = page.getByRole('note').filter({ hasText: /library is empty/ });
    await note.waitFor({ timeout: STEP_TIMEOUT });
    expect(await note.innerText()).toMatch(/no figures/);
    await studio.screenshot('80-first-compose-library-empty');
    await page.getByRole('textbox', { name: 'Outline or instruction' }).fill('# Harbour towns\n## Boats\n## Nets');
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    await page.getByTestId('job-progress').waitFor({ timeout: STEP_TIMEOUT });
    await waitForJobsToEnd(page);
    expect(await article(page).locator('[data-testid="figure"]').count()).toBe(0);
    expect(await article(page).innerText()).not.toMatch(/No reference image/);
    const notice = page.getByRole('status').filter({ hasText: /no figures/ });
    await notice.waitFor({ timeout: STEP_TIMEOUT });
    expect(await notice.innerText()).toMatch(/library is empty.*index a picture folder/i);
    await studio.screenshot('81-first-compose-no-figures');
    // The note's link goes where pictures come from.
    await note.getByRole('button', { name: 'index a picture folder' }).click();
    await page.getByTestId('library-panel').waitFor({ timeout: STEP_TIMEOUT });
    await dismissToasts(page);
  });

  it('drops a library picture between paragraphs, never into a word or a link (major 3)', async () => {
    const pictures = path.join(studio.dataDir, 'Walk pictures');
    await writePictureFolder(pictures, 3);
    await page.getByRole('tab', { name: 'Library' }).click();
    await page.getByTestId('library-folder').fill(pictures);
    await page.getByTestId('library-index').click();
    await page.waitForFunction(
      () => /Done\. 3 added/.test(document.querySelector('[data-testid="library-panel"]')?.textContent ?? ''),
      undefined,
      {
        timeout: STEP_TIMEOUT,
      },
    );
    await page.getByTestId('library-search').fill('picture');
    await page.getByTestId('library-search').press('Enter');
    await page.getByTestId('library-result').first().waitFor({ timeout: STEP_TIMEOUT });

    await typeArticle(page, 'First paragraph.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('See the harbour at dawn.');
    await page.keyboard.press('Home');
    for (let i = 0; i < 'See '.length; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 'the harbour'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+k');
    await page.getByTestId('link-address').fill('https://example.com/harbour');
    await page.getByTestId('link-address').press('Enter');
    const link = article(page).getByRole('link', { name: 'the harbour' });
    await link.waitFor({ timeout: 5_000 });

    // Onto the middle of the link, as the writer dropped it.
    const box = (await link.boundingBox())!;
    await page
      .getByTestId('library-result')
      .first()
      .dragTo(article(page), {
        targetPosition: await article(page).evaluate(
          (node, point) => {
            const frame = node.getBoundingClientRect();
            return { x: point.x - frame.left, y: point.y - frame.top };
          },
          { x: box.x + box.width / 2, y: box.y + box.height / 2 },
        ),
      });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="editor"] [data-testid="figure"] img').length === 1,
      undefined,
      {
        timeout: STEP_TIMEOUT,
      },
    );
    expect(await paragraphTexts(page)).toEqual(['First paragraph.', 'See the harbour at dawn.']);
    expect(await link.getAttribute('href')).toBe('https://example.com/harbour');
    // The figure stands between blocks: right before or right after the paragraph it was dropped on.
    const order = await article(page).evaluate((node) =>
      [...node.children].map((block) => (block.querySelector('[data-testid="figure"]') ? 'figure' : (block.textContent ?? ''))),
    );
    expect([
      ['First paragraph.', 'figure', 'See the harbour at dawn.'],
      ['First paragraph.', 'See the harbour at dawn.', 'figure'],
    ]).toContainEqual(order);
    await studio.screenshot('82-library-picture-dropped');
  });

  it('converts pasted Markdown whole, as Import reads it: headings, lists, quotes, links, pictures (major 4)', async () => {
    await typeArticle(page, 'Pasted below.');
    await page.keyboard.press('Enter');
    await pasteText(
      page,
      [
        '# A weekend in Lisbon',
        '',
        'Take the **early** tram, *not* the bus; see [the timetable](https://example.com/trams).',
        '',
        '- tickets',
        '- a map',
        '',
        '1. Alfama',
        '2. Belém',
        '',
        '> Bring a coat.',
        '',
        '![The river](https://example.com/river.jpg)',
      ].join('\n'),
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="editor"] h1')?.textContent === 'A weekend in Lisbon',
      undefined,
      {
        timeout: STEP_TIMEOUT,
      },
    );
    const found = await editorFormatting(page);
    expect(found).toMatchObject({
      headings: ['A weekend in Lisbon'],
      bold: ['early'],
      italic: ['not'],
      links: [['the timetable', 'https://example.com/trams']],
      bullets: ['tickets', 'a map'],
      numbers: ['Alfama', 'Belém'],
      quotes: ['Bring a coat.'],
    });
    expect(await articleText(page)).not.toMatch(/[#>]|\]\(|^- /m);
    // The picture could not come along: its figure and a notice say so.
    expect(await article(page).getByTestId('figure').innerText()).toMatch(/https:\/\/example\.com\/river\.jpg was not pasted/);
    await page
      .getByRole('status')
      .filter({ hasText: /A picture was not pasted/ })
      .waitFor({ timeout: 10_000 });
    await studio.screenshot('83-markdown-pasted');
    await dismissToasts(page);
  });

  it('turns **bold** and *italic* into marks as you type in Chinese, and exports them as Markdown (major 5)', async () => {
    await typeArticle(page, '这是**粗体**和*斜体*。');
    await page.waitForFunction(() => document.querySelector('[data-testid="editor"] em')?.textContent === '斜体', undefined, {
      timeout: 10_000,
    });
    expect(await editorFormatting(page)).toMatchObject({ bold: ['粗体'], italic: ['斜体'] });
    expect(await articleTextOnly(page)).toBe('这是粗体和斜体。');
    await exportArticle(page, 'Markdown folder (article and pictures)', path.join(studio.dataDir, 'Exports', 'chinese.md'));
    const markdown = readFileSync(path.join(studio.dataDir, 'Exports', 'chinese', 'chinese.md'), 'utf8');
    expect(markdown).toContain('这是**粗体**和*斜体*。');
    expect(markdown).not.toContain('\\*');
    await dismissToasts(page);
  });
});

/** Pastes text into the article as Ctrl+V with plain text on the clipboard does. */
async function pasteText(page: Page, text: string): Promise<void> {
  await article(page).evaluate((node, pasted) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', pasted);
    node.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}
