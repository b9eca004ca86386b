/// <reference lib="dom" />
/**
 * The studio in Debian's Chromium, beyond the first-run tour of studio.e2e.test.ts: compose
 * from reference pictures alone, the keyboard, projects through the File dialog (save as, new,
 * open, export to HTML, Markdown and DOCX), the errors a writer can meet, and accessibility of
 * the File dialog and the Ask panel. Real engine on the tiny models: the words are nonsense, so
 * only structure and outcomes are checked. Screenshots land in test/artifacts/30-….
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { colourPicture } from '../fixtures/images';
import { testPicture } from '../fixtures/png';
import { figureIds as figuresOn, paragraphTexts as paragraphsOn, seriousAxeViolations as seriousAxe } from './page-queries';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';

const STEP_TIMEOUT = 90_000;
const OUTLINE = '# Harbour towns\n## The boats\n## The nets\n## Evening';
let studio: StudioInBrowser;
let page: Page;
let references: Buffer[];
let referenceIds: string[];
let savedDir: string;
/** The composed article as the editor shows it, to compare after open and cancels. */
let composed: { figures: Array<string | null>; headings: string[]; paragraphs: string[] };

beforeAll(async () => {
  studio = await openStudioInBrowser();
  page = studio.page;
  references = [await colourPicture(301, 'png', 320, 240), await colourPicture(302, 'png', 320, 240)];
  referenceIds = references.map((bytes) => createHash('sha256').update(bytes).digest('hex'));
}, 60_000);
afterAll(async () => {
  await studio?.close();
});

const byTestId = (id: string) => page.getByTestId(id);

const seriousAxeViolations = () => seriousAxe(page);
const figureIds = () => figuresOn(page);
const paragraphTexts = () => paragraphsOn(page);
const headingTexts = () => page.locator('[data-testid="editor"] .ProseMirror > :is(h1, h2, h3)').allInnerTexts();
const article = async () => ({ figures: await figureIds(), headings: await headingTexts(), paragraphs: await paragraphTexts() });
const projectTitle = () => byTestId('project-title').innerText();

/**
 * Every figure shows its picture (loaded from the project, not a broken image). Figures load
 * lazily, so each is brought into view first, as a writer scrolling would.
 */
async function expectEveryFigureShowsItsPicture(): Promise<void> {
  for (const figure of await byTestId('figure').all()) {
    await figure.scrollIntoViewIfNeeded();
    await figure.locator('img').evaluate((img: HTMLImageElement) => img.decode(), undefined, { timeout: 10_000 });
    expect(await figure.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  }
}

/** Waits for a toast whose text matches, checks it reads like a message for a writer, dismisses it, and returns its text. */
async function takeToast(pattern: RegExp): Promise<string> {
  const toast = byTestId('toast').filter({ hasText: pattern }).first();
  await toast.waitFor({ timeout: STEP_TIMEOUT });
  const message = (await toast.locator('.toast-body > p').innerText()).trim();
  expect(message.length).toBeGreaterThan(10);
  expect(message.length).toBeLessThan(400);
  expect(message).not.toMatch(/\n\s+at |Something went wrong|undefined|\[object /);
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await toast.waitFor({ state: 'hidden', timeout: 10_000 });
  return message;
}

async function expectNoErrorToast(): Promise<void> {
  const errors = await page.locator('[data-testid="toast"].error').allInnerTexts();
  expect(errors).toEqual([]);
}

async function openFileDialog(): Promise<void> {
  await byTestId('open-file-menu').click();
  await byTestId('project-dialog').waitFor({ timeout: 10_000 });
}

async function closeFileDialog(): Promise<void> {
  await byTestId('close-project-dialog').click();
  await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
}

async function waitForComposeToStart(): Promise<void> {
  await page.locator('[data-testid="job-progress"][data-job-kind="compose"]').waitFor({ timeout: STEP_TIMEOUT });
}

async function waitForJobsToEnd(): Promise<void> {
  await byTestId('job-progress').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  await page.waitForFunction(() => !document.querySelector('[data-testid="compose"]')?.hasAttribute('disabled'), undefined, {
    timeout: STEP_TIMEOUT,
  });
}

/** Until the save state is one of `states` (an autosave leaves 'backed-up': only Save makes it 'saved'). */
async function waitForSaved(states = ['saved']): Promise<void> {
  await page.waitForFunction(
    (wanted) => wanted.includes(document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') ?? ''),
    states,
    { timeout: 15_000 },
  );
}

/** Pastes files into whatever element has focus, as Ctrl+V with files on the clipboard does. */
async function pasteFiles(selector: string, files: Array<{ name: string; type: string; bytes: Buffer }>): Promise<void> {
  await page.locator(selector).focus();
  await page.evaluate(
    ({ selector, files }) => {
      const transfer = new DataTransfer();
      for (const file of files)
        transfer.items.add(new File([Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0))], file.name, { type: file.type }));
      document
        .querySelector(selector)
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { selector, files: files.map((file) => ({ name: file.name, type: file.type, base64: file.bytes.toString('base64') })) },
  );
}

/**
 * After a compose was stopped: the job ends with a notice, no error. Whatever had streamed is
 * kept (issue 23) as one undoable step, the notice says what, and Undo brings the article from
 * before back; only a stop before any text leaves the article unchanged.
 */
async function expectCancelKeptTheArticle(): Promise<void> {
  await waitForJobsToEnd();
  // The notice comes before the job bar goes; none means the compose ended before the stop reached it (a loaded machine).
  const stopped =
    (await byTestId('toast')
      .filter({ hasText: /Compose stopped/ })
      .count()) > 0;
  const notice = stopped ? await takeToast(/Compose stopped/) : null;
  await expectNoErrorToast();
  const after = await article();
  if (JSON.stringify(after) === JSON.stringify(composed)) {
    expect(notice).toMatch(/unchanged/);
    return;
  }
  if (notice) expect(notice).toMatch(/Kept what was written: .*paragraph/);
  await page.locator('[data-testid="editor"] .ProseMirror').focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((figures) => document.querySelectorAll('[data-testid="figure"]').length === figures, composed.figures.length, {
    timeout: 10_000,
  });
  expect(await article()).toEqual(composed);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

describe('projects, keyboard and errors in the studio', () => {
  it('loads the demo model from the setup screen', async () => {
    await byTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
    await byTestId('use-demo-model').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="model-status"]')?.textContent?.match(/ready|demo/i), undefined, {
      timeout: STEP_TIMEOUT,
    });
    await byTestId('composer').waitFor({ timeout: STEP_TIMEOUT });
    await byTestId('model-setup').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  });

  it('composes from two reference pictures without a library: the figures are exactly those pictures', async () => {
    await byTestId('tab-compose').click();
    await byTestId('reference-input').setInputFiles(
      references.map((buffer, index) => ({ name: `reference-${index + 1}.png`, mimeType: 'image/png', buffer })),
    );
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="reference-picture"] img').length === 2, undefined, {
      timeout: STEP_TIMEOUT,
    });
    // The thumbnails are the stored pictures, loaded and decoded.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLImageElement>('[data-testid="reference-picture"] img')].every(
          (img) => img.complete && img.naturalWidth === 320,
        ),
      undefined,
      { timeout: 10_000 },
    );
    await byTestId('outline').fill(OUTLINE);
    await byTestId('use-library').uncheck();
    await byTestId('figure-count').selectOption('auto');
    await studio.screenshot('30-references-added');
    await byTestId('compose').click();
    await waitForComposeToStart();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="figure"] img').length === 2, undefined, {
      timeout: STEP_TIMEOUT,
    });
    await waitForJobsToEnd();
    await expectNoErrorToast();
    expect([...(await figureIds())].sort()).toEqual([...referenceIds].sort());
    await expectEveryFigureShowsItsPicture();
    expect(await page.locator('[data-testid="editor"] h1').allInnerTexts()).toEqual(['Harbour towns']);
    expect((await paragraphTexts()).length).toBeGreaterThan(1);
    composed = await article();
    await byTestId('figure').first().scrollIntoViewIfNeeded();
    await studio.screenshot('30-references-composed');
  });

  it('saves with Ctrl+S', async () => {
    await waitForSaved(['saved', 'backed-up']);
    const last = page.locator('[data-testid="editor"] .ProseMirror > p').last();
    await last.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Written by hand.');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'unsaved',
      undefined,
      { timeout: 10_000 },
    );
    await page.keyboard.press('Control+s');
    await waitForSaved();
    expect(await byTestId('save-state').innerText()).toBe('Saved');
    // Saved for real: the project's document on disk has the typed words (an autosave would not touch it),
    // in the folder the first save named after the article's heading (issue 23, major 6).
    const saved = readFileSync(path.join(studio.dataDir, 'projects', 'Harbour towns.folio', 'document.json'), 'utf8');
    expect(saved).toContain('Written by hand.');
    composed = await article();
  });

  it('stops a compose with Escape: what was written stays, Undo brings back the article that was there', async () => {
    await byTestId('tab-compose').click();
    await byTestId('outline').fill('# Mountain villages\n## Paths\n## Bread');
    await byTestId('compose').click();
    await waitForComposeToStart();
    await page.keyboard.press('Escape');
    await expectCancelKeptTheArticle();
  });

  it('starts a compose with Ctrl+Enter in the outline (and stops it again)', async () => {
    await byTestId('outline').focus();
    await page.keyboard.press('Control+Enter');
    await waitForComposeToStart();
    await byTestId('cancel-job').click();
    await studio.screenshot('30-compose-stopped');
    await expectCancelKeptTheArticle();
    await byTestId('outline').fill(OUTLINE);
  });

  it('focuses Ask, library search and model setup with the documented shortcuts', async () => {
    await page.locator('[data-testid="editor"] .ProseMirror').focus();
    await page.keyboard.press('Control+Shift+A');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'ask-question', undefined, {
      timeout: 10_000,
    });
    await byTestId('ask-panel').waitFor({ timeout: 10_000 });

    await page.keyboard.press('Control+Shift+L');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'library-search', undefined, {
      timeout: 10_000,
    });
    await byTestId('library-panel').waitFor({ timeout: 10_000 });

    await page.keyboard.press('Control+Shift+M');
    await byTestId('model-setup').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await byTestId('model-setup').waitFor({ state: 'hidden', timeout: 10_000 });
    // Shortcuts typed while writing change nothing in the article.
    expect(await article()).toEqual(composed);
  });

  it('has an accessible File dialog', async () => {
    await openFileDialog();
    await studio.screenshot('31-file-dialog');
    expect(await seriousAxeViolations()).toEqual([]);
  });

  it('saves the project as a new folder, which the toolbar then names', async () => {
    savedDir = path.join(studio.dataDir, 'Writing', 'Harbour towns.folio');
    await byTestId('save-as-path').fill(savedDir);
    await byTestId('save-as').click();
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await takeToast(/Saved as/);
    expect(await projectTitle()).toBe('Harbour towns');
    expect(statSync(path.join(savedDir, 'document.json')).isFile()).toBe(true);
    const assets = readdirSync(path.join(savedDir, 'assets'));
    for (const id of referenceIds) expect(assets.some((name) => name.startsWith(id))).toBe(true);
    expect(await article()).toEqual(composed);
  });

  it('starts a new, empty project', async () => {
    await openFileDialog();
    await byTestId('new-project-title').fill('Blank page');
    await byTestId('new-project').click();
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await page.waitForFunction(() => document.querySelector('[data-testid="project-title"]')?.textContent === 'Blank page', undefined, {
      timeout: 10_000,
    });
    expect(await figureIds()).toEqual([]);
    expect(await headingTexts()).toEqual([]);
    expect((await paragraphTexts()).join('').trim()).toBe('');
    await expectNoErrorToast();
    await studio.screenshot('31-new-project');
  });

  it('opens the saved project by path: the article and its figures are back', async () => {
    await openFileDialog();
    await byTestId('open-project-path').fill(savedDir);
    await byTestId('open-project').click();
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="figure"]').length === count, composed.figures.length, {
      timeout: STEP_TIMEOUT,
    });
    expect(await projectTitle()).toBe('Harbour towns');
    expect(await article()).toEqual(composed);
    await expectEveryFigureShowsItsPicture();
    await expectNoErrorToast();
    await studio.screenshot('31-opened-project');
  });

  it('exports to HTML, Markdown and DOCX by path', async () => {
    const exports = path.join(studio.dataDir, 'Exports');
    await openFileDialog();

    const html = path.join(exports, 'harbour.html');
    await byTestId('export-format').selectOption('html');
    await byTestId('export-path').fill(html);
    await byTestId('export').click();
    await takeToast(new RegExp(`Exported to .*harbour\\.html`));
    const page1 = readFileSync(html, 'utf8');
    for (const heading of composed.headings) expect(page1).toContain(escapeHtml(heading));
    const images = [...page1.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1] as string);
    expect(images).toHaveLength(composed.figures.length);
    for (const src of images) {
      if (src.startsWith('data:')) expect(src).toMatch(/^data:image\/(png|jpeg|webp|gif);base64,.{100}/);
      else expect(existsSync(path.resolve(exports, decodeURIComponent(src)))).toBe(true);
    }
    // The pictures are the writer's pictures, byte for byte.
    const embedded = images
      .filter((src) => src.startsWith('data:'))
      .map((src) =>
        createHash('sha256')
          .update(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64'))
          .digest('hex'),
      );
    if (embedded.length > 0) expect(embedded.sort()).toEqual([...referenceIds].sort());

    // A Markdown folder: harbour/ holds harbour.md and its pictures. The dialog closed after the last export.
    const markdown = path.join(exports, 'harbour', 'harbour.md');
    await openFileDialog();
    await byTestId('export-format').selectOption('md');
    await byTestId('export-path').fill(path.join(exports, 'harbour.md'));
    await byTestId('export').click();
    await takeToast(/Exported to .*harbour\.md/);
    const text = readFileSync(markdown, 'utf8');
    expect(text).toMatch(/^# Harbour towns$/m);
    const linked: string[] = [];
    const walk = (node: { type: string; url?: string; children?: unknown[] }): void => {
      if (node.type === 'image' && node.url) linked.push(decodeURIComponent(node.url));
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(fromMarkdown(text));
    expect(linked).toHaveLength(composed.figures.length);
    for (const file of linked) expect(statSync(path.resolve(path.dirname(markdown), file)).size).toBeGreaterThan(100);

    // No extension: the format chosen in the dialog decides it.
    await openFileDialog();
    await byTestId('export-format').selectOption('docx');
    await byTestId('export-path').fill(path.join(exports, 'harbour'));
    await byTestId('export').click();
    await byTestId('toast')
      .filter({ hasText: /Exported to .*harbour\.docx/ })
      .waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('32-export-done');
    await takeToast(/Exported to .*harbour\.docx/);
    const docx = readFileSync(path.join(exports, 'harbour.docx'));
    expect(docx.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(docx.length).toBeGreaterThan(10_000);
    await expectNoErrorToast();
  }, 180_000); // a hang guard: three exports (DOCX among them) took 40-60 s at load 15-20, past the 60 s default

  it('says so when a project path does not exist, and keeps the article', async () => {
    await openFileDialog();
    await byTestId('open-project-path').fill(path.join(studio.dataDir, 'Nowhere', 'Lost.folio'));
    await byTestId('open-project').click();
    const toast = byTestId('toast')
      .filter({ hasText: /could not be found|does not exist|not found/i })
      .first();
    await toast.waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('34-error-missing-project');
    await takeToast(/could not be found|does not exist|not found/i);
    await closeFileDialog();
    expect(await projectTitle()).toBe('Harbour towns');
    expect(await article()).toEqual(composed);
  });

  it('says so when a pasted file is not a picture, and keeps the question', async () => {
    await byTestId('tab-ask').click();
    await byTestId('ask-question').fill('What colour are the boats?');
    // A text file with a picture's name: the system types it by its name.
    await pasteFiles('[data-testid="ask-image"]', [
      { name: 'notes.png', type: 'image/png', bytes: Buffer.from('Shopping list: nets, rope, tar.\n') },
    ]);
    const toast = byTestId('toast')
      .filter({ hasText: /not a .*picture|could not be read/i })
      .first();
    await toast.waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('33-error-not-a-picture');
    expect(await toast.innerText()).toMatch(/notes\.png/);
    await takeToast(/not a .*picture|could not be read/i);
    expect(await byTestId('ask-question').inputValue()).toBe('What colour are the boats?');
    expect(await byTestId('ask-image-preview').count()).toBe(0);

    // The same file typed as text is not silently ignored either.
    await pasteFiles('[data-testid="ask-image"]', [
      { name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('Shopping list: nets, rope, tar.\n') },
    ]);
    await takeToast(/not a .*picture|could not be read/i);
    expect(await byTestId('ask-question').inputValue()).toBe('What colour are the boats?');

    // Picked as a reference picture for compose (the picker set to all files): the same message, the references kept.
    await byTestId('tab-compose').click();
    // Those it had: New and Open started the composer afresh (the last project's pictures are not this one's).
    const references = await byTestId('reference-picture').count();
    await byTestId('reference-input').setInputFiles([
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Shopping list: nets, rope, tar.\n') },
    ]);
    expect(await takeToast(/not a .*picture|could not be read/i)).toMatch(/notes\.txt/);
    expect(await byTestId('reference-picture').count()).toBe(references);
    expect(await article()).toEqual(composed);
  });

  it('says so when the library folder does not exist', async () => {
    await byTestId('tab-library').click();
    await byTestId('library-folder').fill(path.join(studio.dataDir, 'No such pictures'));
    await byTestId('library-index').click();
    const toast = byTestId('toast')
      .filter({ hasText: /could not be found|does not exist|not found/i })
      .first();
    await toast.waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('35-error-missing-folder');
    expect(await toast.innerText()).toMatch(/No such pictures/);
    await takeToast(/could not be found|does not exist|not found/i);
    await page.waitForFunction(() => !document.querySelector('[data-testid="library-index"]')?.hasAttribute('disabled'), undefined, {
      timeout: STEP_TIMEOUT,
    });
    expect(await article()).toEqual(composed);
  });

  it('has an accessible Ask panel showing a picture', async () => {
    await byTestId('tab-ask').click();
    await pasteFiles('[data-testid="ask-image"]', [{ name: 'harbour.png', type: 'image/png', bytes: testPicture(9, 96) }]);
    await byTestId('ask-image-preview').waitFor({ timeout: STEP_TIMEOUT });
    await page.waitForFunction(
      () => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="ask-image-preview"]');
        return Boolean(img?.complete && img.naturalWidth > 0);
      },
      undefined,
      { timeout: 10_000 },
    );
    expect(await byTestId('ask-question').inputValue()).toBe('What colour are the boats?');
    await studio.screenshot('36-ask-with-picture');
    expect(await seriousAxeViolations()).toEqual([]);
    await expectNoErrorToast();
  });
});
