/// <reference lib="dom" />
/**
 * Cancel never throws the article away (issue 23, major 1): a compose is stopped at seeded
 * random points of its stream, by the Cancel button or by Escape, and every character the
 * writer saw streamed is still in the editor afterwards, the toast saying what was kept; Undo
 * brings back the article from before the compose. Set FOLIO_CANCEL_SEED to replay other points.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seededRandom } from '../helpers/seeded-random';
import type { StudioInBrowser } from './studio-browser';
import { openStudioWithDemoModel } from './studio-with-demo-model';
import { STEP_TIMEOUT, articleText, articleTextOnly, dismissToasts, startCompose, typeArticle, waitForJobsToEnd } from './writer-steps';

const CANCELS = 24;
const SEED = Number(process.env.FOLIO_CANCEL_SEED ?? 23);
let studio: StudioInBrowser;
let page: Page;

beforeAll(async () => {
  studio = await openStudioWithDemoModel();
  page = studio.page;
}, 120_000);
afterAll(async () => {
  await studio?.close();
});

/** Without whitespace: the stream and the finished document break lines differently, the words are the same. */
const squeezed = (text: string) => text.replace(/\s+/g, '');

describe('cancelling a compose', () => {
  it(`keeps every streamed character at ${CANCELS} random points (seed ${SEED})`, { timeout: CANCELS * STEP_TIMEOUT }, async () => {
    const random = seededRandom(SEED);
    const lost: string[] = [];
    const steps: string[] = [];
    for (let point = 0; point < CANCELS; point++) {
      // A written article first, so "the previous article came back" shows.
      const previous = `Previous article ${point}`;
      await typeArticle(page, previous);
      // From the first characters to far into the write step (the tiny model writes ~2,000 tokens).
      const characters = 1 + Math.floor(random.next() ** 1.5 * 3000);
      const byEscape = random.chance(0.5);
      await startCompose(page, `# Cancel point ${point}\n## First part\n## Second part`);
      const seen = await page.evaluate(
        async ({ characters, byEscape }) => {
          const article = document.querySelector('[data-testid="editor"] .ProseMirror') as HTMLElement;
          // As articleTextOnly reads it.
          const textOnly = () =>
            [...article.children]
              .filter((block) => !block.querySelector('[data-testid="figure"]') && !block.matches('[data-testid="figure"]'))
              .map((block) => (block as HTMLElement).innerText)
              .join('\n');
          const running = () => document.querySelector('[data-testid="job-progress"]') !== null;
          // Reads and stops in one task, so nothing streams between what is read and the cancel.
          while (running() && textOnly().length < characters) await new Promise((resolve) => setTimeout(resolve, 5));
          const text = textOnly();
          const step = document.querySelector('[data-testid="job-progress"] .job-text')?.textContent ?? 'finished';
          if (!byEscape) (document.querySelector('[data-testid="cancel-job"]') as HTMLButtonElement | null)?.click();
          return { text, step };
        },
        { characters, byEscape },
      );
      const cancelled = Date.now();
      if (byEscape) await page.keyboard.press('Escape');
      await waitForJobsToEnd(page);
      const stopMs = Date.now() - cancelled;
      // Figures placed after the stop hold captions: the streamed text is compared with the text alone.
      const after = await articleTextOnly(page);
      const toast = (await page.getByTestId('toast').allInnerTexts()).join(' | ');
      steps.push(
        `${point}: ${characters} chars by ${byEscape ? 'Escape' : 'Cancel'} in "${seen.step}" saw ${seen.text.length}, kept ${after.length}, ended ${stopMs} ms later`,
      );
      if (!squeezed(after).startsWith(squeezed(seen.text)) || squeezed(seen.text).length === 0)
        lost.push(`${steps.at(-1)}: ${difference(seen.text, after)} (toast: ${toast})`);
      // A compose that ended before the stop owes no notice.
      else if (seen.step !== 'finished' && /before anything was written|unchanged/i.test(toast))
        lost.push(`${steps.at(-1)}: the toast says nothing was kept: ${toast}`);
      // Or the compose ended before the stop reached it: without pictures it ends with the write
      // step, and its notice says why the article has no figures.
      else if (seen.step !== 'finished' && !/Kept what was written: .*paragraph|has no figures/.test(toast))
        lost.push(`${steps.at(-1)}: the toast does not say what was kept: ${toast}`);
      await dismissToasts(page);
    }
    console.log(steps.join('\n'));
    expect(lost).toEqual([]);
  });

  it('undoes a stopped compose back to the article before it, and redoes it', async () => {
    await typeArticle(page, 'The article before');
    await startCompose(page, '# Undo after cancel\n## Part');
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid="editor"] .ProseMirror') as HTMLElement | null)?.innerText.length ?? 0) > 200,
      undefined,
      { timeout: STEP_TIMEOUT },
    );
    await page.getByTestId('cancel-job').click();
    await waitForJobsToEnd(page);
    const kept = await articleText(page);
    expect(kept).toMatch(/Undo after cancel/);
    await page.locator('[data-testid="editor"] .ProseMirror').click();
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => /The article before/.test(document.querySelector('[data-testid="editor"]')?.textContent ?? ''));
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction(() => /Undo after cancel/.test(document.querySelector('[data-testid="editor"]')?.textContent ?? ''));
    expect(squeezed(await articleText(page))).toBe(squeezed(kept));
  });
});

/** Where the kept text stops following the streamed one, with a little of each from there. */
function difference(seen: string, kept: string): string {
  const [a, b] = [squeezed(seen), squeezed(kept)];
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  return `from character ${at} of ${a.length} seen, "${a.slice(Math.max(0, at - 20), at + 40)}" became "${b.slice(Math.max(0, at - 20), at + 40)}"`;
}
