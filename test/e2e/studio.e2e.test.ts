/// <reference lib="dom" />
/**
 * The studio in Debian's Chromium against the headless server, with the real engine on the
 * tiny models: first run, model setup, a library, compose, swap a candidate, rewrite a
 * paragraph, ask about a pasted image, and everything still there after a reload. A
 * screenshot of every screen lands in test/artifacts/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writePictureFolder } from '../fixtures/images';
import { testPicture } from '../fixtures/png';
import { figureIds as figuresOn, paragraphTexts as paragraphsOn, seriousAxeViolations as seriousAxe } from './page-queries';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';
import { askUntilAnswered } from './writer-steps';

const STEP_TIMEOUT = 90_000;
let studio: StudioInBrowser;
let page: Page;
let pictures: string;

beforeAll(async () => {
  studio = await openStudioInBrowser();
  page = studio.page;
  pictures = path.join(studio.dataDir, 'My pictures');
  await writePictureFolder(pictures, 12);
}, 60_000);
afterAll(async () => {
  await studio?.close();
});

const byTestId = (id: string) => page.getByTestId(id);

const seriousAxeViolations = () => seriousAxe(page);
const figureIds = () => figuresOn(page);
const paragraphTexts = () => paragraphsOn(page);

describe('the studio in a browser', () => {
  it('opens on model setup on first run, with the demo model clearly labelled', async () => {
    await byTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
    await expect(byTestId('use-demo-model').innerText()).resolves.toMatch(/nonsense/i);
    await studio.screenshot('01-first-run-model-setup');
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('checks files the writer has, then loads the demo model without a restart', async () => {
    await byTestId('decoder-path').fill(path.join(studio.dataDir, 'missing.gguf'));
    await byTestId('check-model').click();
    await page
      .getByText(/could not be found|does not exist|not found/i)
      .first()
      .waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('02-model-setup-bad-file');
    await byTestId('use-demo-model').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="model-status"]')?.textContent?.match(/ready|demo/i), undefined, {
      timeout: STEP_TIMEOUT,
    });
    await byTestId('composer').waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('03-model-loaded');
  });

  it('indexes a picture folder with progress, and searches it', async () => {
    await byTestId('tab-library').click();
    await byTestId('library-folder').fill(pictures);
    await byTestId('library-index').click();
    await byTestId('library-progress').waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('04-library-indexing');
    await page.waitForFunction(
      () => /Done\. 12 added/.test(document.querySelector('[data-testid="library-panel"]')?.textContent ?? ''),
      undefined,
      { timeout: STEP_TIMEOUT },
    );
    expect(await byTestId('library-panel').innerText()).toMatch(/12 pictures from/);
    // The demo model's captions would be nonsense kept for good: the background captioner says so and waits.
    expect(await byTestId('library-captions-state').innerText()).toMatch(/12 pictures left to caption\. The demo model writes nonsense/);
    await byTestId('library-captions-switch').click();
    await page.waitForFunction(
      () => /Captions paused: 12 pictures/.test(document.querySelector('[data-testid="library-captions-state"]')?.textContent ?? ''),
      undefined,
      {
        timeout: STEP_TIMEOUT,
      },
    );
    expect(await byTestId('library-captions-switch').innerText()).toBe('Resume captions');
    await byTestId('library-captions-switch').click();
    await page.waitForFunction(
      () => /demo model/.test(document.querySelector('[data-testid="library-captions-state"]')?.textContent ?? ''),
      undefined,
      {
        timeout: STEP_TIMEOUT,
      },
    );
    await byTestId('library-search').fill('picture');
    await byTestId('library-search').press('Enter');
    await byTestId('library-result').first().waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('04-library-search');
  });

  it('composes an illustrated article from an outline and the library', async () => {
    await byTestId('tab-compose').click();
    await byTestId('outline').fill('# Harbour towns\n## The boats\n## The nets\n## Evening');
    await byTestId('figure-count').selectOption('2');
    await byTestId('use-library').check();
    await byTestId('compose').click();
    await byTestId('job-progress').waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('05-composing');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="figure"] img').length === 2, undefined, {
      timeout: STEP_TIMEOUT,
    });
    await byTestId('job-progress').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    expect(await page.locator('[data-testid="editor"] h1').allInnerTexts()).toEqual(['Harbour towns']);
    expect((await paragraphTexts()).length).toBeGreaterThan(2);
    await studio.screenshot('06-composed-article');
  });

  it('swaps a figure to another candidate', async () => {
    const before = await figureIds();
    const firstFigure = byTestId('figure').first();
    await firstFigure.scrollIntoViewIfNeeded();
    // The candidates float over the picture while the pointer is on the figure.
    await firstFigure.hover();
    await studio.screenshot('07-figure-candidates');
    await firstFigure.locator('[data-testid="figure-candidate"][aria-pressed="false"]').first().click();
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="figure"]')?.getAttribute('data-asset-id') !== old,
      before[0],
      { timeout: STEP_TIMEOUT },
    );
    expect((await figureIds())[1]).toBe(before[1]);
    await studio.screenshot('08-swapped-candidate');
  });

  it('rewrites a paragraph from the bubble menu, and undo brings the old one back', async () => {
    const before = await paragraphTexts();
    const first = page.locator('[data-testid="editor"] .ProseMirror > p').first();
    await first.scrollIntoViewIfNeeded();
    await first.click({ clickCount: 3 });
    await byTestId('edit-rewrite').click();
    await page.waitForFunction((old) => document.querySelector('[data-testid="editor"] .ProseMirror > p')?.textContent !== old, before[0], {
      timeout: STEP_TIMEOUT,
    });
    await byTestId('job-progress').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    const after = await paragraphTexts();
    expect(after.slice(1)).toEqual(before.slice(1));
    await studio.screenshot('09-rewritten-paragraph');
    await page.locator('[data-testid="editor"] .ProseMirror').focus();
    await page.keyboard.press('Control+z');
    await page.waitForFunction((old) => document.querySelector('[data-testid="editor"] .ProseMirror > p')?.textContent === old, before[0], {
      timeout: 10_000,
    });
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction(
      (edited) => document.querySelector('[data-testid="editor"] .ProseMirror > p')?.textContent === edited,
      after[0],
      { timeout: 10_000 },
    );
  });

  it('answers a question about a pasted image and inserts the answer', async () => {
    await byTestId('tab-ask').click();
    const png = testPicture(5, 64).toString('base64');
    await byTestId('ask-image').focus();
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
      document
        .querySelector('[data-testid="ask-image"]')
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, png);
    await byTestId('ask-panel').locator('img').first().waitFor({ timeout: STEP_TIMEOUT });
    await byTestId('ask-question').fill('What is in this picture?');
    const answer = await askUntilAnswered(page);
    expect(answer.length).toBeGreaterThan(0);
    await studio.screenshot('10-ask-about-image');
    const paragraphs = (await paragraphTexts()).length;
    await byTestId('ask-insert').click();
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="editor"] .ProseMirror > p').length === count + 1,
      paragraphs,
      { timeout: 10_000 },
    );
  });

  it('replaces a figure from a library search, and removes one with undo', async () => {
    const second = byTestId('figure').nth(1);
    await second.scrollIntoViewIfNeeded();
    await second.hover();
    await second.getByTestId('figure-replace').click();
    await second.getByTestId('figure-library-query').fill('picture');
    await second.getByTestId('figure-library-query').press('Enter');
    await second.getByTestId('figure-library-result').first().waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('11-replace-from-library');
    await second.getByTestId('figure-library-result').first().click();
    await byTestId('job-progress').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    // The replacement is put first among the candidates and chosen.
    await page.waitForFunction(
      () =>
        document
          .querySelectorAll('[data-testid="figure"]')[1]
          ?.querySelector('[data-testid="figure-candidate"][data-index="0"]')
          ?.getAttribute('aria-pressed') === 'true',
      undefined,
      { timeout: STEP_TIMEOUT },
    );

    const before = await figureIds();
    await second.hover();
    await second.getByTestId('figure-remove').click();
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="figure"]').length === count - 1, before.length, {
      timeout: 10_000,
    });
    await page.locator('[data-testid="editor"] .ProseMirror').focus();
    await page.keyboard.press('Control+z');
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="figure"]').length === count, before.length, {
      timeout: 10_000,
    });
    expect(await figureIds()).toEqual(before);
  });

  it('keeps everything after a reload', async () => {
    const figures = await figureIds();
    const paragraphs = await paragraphTexts();
    await page.waitForFunction(
      () =>
        /saved/i.test(document.querySelector('[data-testid="save-state"]')?.textContent ?? '') &&
        !/unsaved|saving/i.test(document.querySelector('[data-testid="save-state"]')?.textContent ?? ''),
      undefined,
      { timeout: 15_000 },
    );
    await page.reload();
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="figure"]').length === count, figures.length, {
      timeout: STEP_TIMEOUT,
    });
    expect(await figureIds()).toEqual(figures);
    expect(await paragraphTexts()).toEqual(paragraphs);
    await studio.screenshot('12-after-reload');
  });

  it('has a dark theme without serious accessibility problems', async () => {
    await byTestId('theme-toggle').click();
    await studio.screenshot('13-dark-theme');
    expect(await seriousAxeViolations()).toEqual([]);
  });
});
