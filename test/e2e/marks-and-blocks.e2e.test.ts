/// <reference lib="dom" />
/**
 * Marks and blocks end to end (issue 15): a writer makes text bold, italic, a link, bulleted and
 * numbered lists and a quote, with the toolbar and with the shortcuts; saves; reloads; exports
 * Markdown, HTML, DOCX and PDF through the File dialog (each file read back from disk); imports
 * the Markdown through the File dialog as a new project: the same formatting is back in the editor.
 * Screenshots land in test/artifacts/70-….
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { editorFormatting, seriousAxeViolations, type EditorFormatting } from './page-queries';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';

const STEP_TIMEOUT = 90_000;
let studio: StudioInBrowser;
let page: Page;
let exportsDir: string;

beforeAll(async () => {
  studio = await openStudioInBrowser();
  page = studio.page;
  exportsDir = path.join(studio.dataDir, 'Exports');
}, 60_000);
afterAll(async () => {
  await studio?.close();
});

const byTestId = (id: string) => page.getByTestId(id);

/** What the writer formatted, first with the toolbar, then with the shortcuts. */
const FORMATTED: EditorFormatting = {
  headings: ['Harbour notes'],
  bold: ['boats', 'cry'],
  italic: ['dusk', 'wheel'],
  links: [
    ['harbour guide', 'https://example.org/guide'],
    ['editor', 'mailto:editor@example.org'],
  ],
  bullets: ['Nets', 'Ropes', 'Salt'],
  numbers: ['First tide', 'Second tide', 'Tide'],
  quotes: ['A quiet harbour is a happy one.', 'Spray'],
};

const formattingInEditor = () => editorFormatting(page);

/** Types `text` and selects it with Shift+←, as a writer would; waits until the page shows it selected. */
async function typeThenSelectBack(text: string): Promise<void> {
  await page.keyboard.type(text);
  for (let i = 0; i < text.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.waitForFunction((selected) => window.getSelection()?.toString() === selected, text, { timeout: 5_000 });
}

/** Whether a toolbar button shows as pressed, once the editor has taken in the latest selection. */
async function expectPressed(testId: string, pressed: boolean): Promise<void> {
  await expect.poll(() => byTestId(testId).getAttribute('aria-pressed'), { timeout: 5_000 }).toBe(String(pressed));
}

/** Turns a mark on with its toolbar button (which then shows pressed), types `text`, turns it off. */
async function typeMarked(button: 'format-bold' | 'format-italic', text: string): Promise<void> {
  await byTestId(button).click();
  await expectPressed(button, true);
  await page.keyboard.type(text);
  await byTestId(button).click();
}

/** Each shortcut, then the text typed after it (a mark's shortcut pressed again ends it). */
async function pressThenType(steps: Array<[keys: string, text: string]>): Promise<void> {
  for (const [keys, text] of steps) {
    await page.keyboard.press(keys);
    await page.keyboard.type(text);
  }
}

/** The link field: an accepted address closes it. */
async function linkTo(address: string): Promise<void> {
  await byTestId('link-address').fill(address);
  await byTestId('link-address').press('Enter');
  await byTestId('link-field').waitFor({ state: 'hidden', timeout: 5_000 });
}

async function exportAs(format: 'md' | 'html' | 'docx' | 'pdf', file: string): Promise<void> {
  await byTestId('open-file-menu').click();
  await byTestId('project-dialog').waitFor({ timeout: 10_000 });
  await byTestId('export-format').selectOption(format);
  await byTestId('export-path').fill(path.join(exportsDir, file));
  await byTestId('export').click();
  const toast = byTestId('toast')
    .filter({ hasText: /Exported to/ })
    .first();
  await toast.waitFor({ timeout: STEP_TIMEOUT });
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  expect(await page.locator('[data-testid="toast"].error').allInnerTexts()).toEqual([]);
}

describe('marks and blocks from the editor to every export and back', () => {
  it('starts a project to write in', async () => {
    await byTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
    await byTestId('use-demo-model').click();
    await byTestId('composer').waitFor({ timeout: STEP_TIMEOUT });
    await byTestId('open-file-menu').click();
    await byTestId('new-project-title').fill('Harbour marks');
    await byTestId('new-project').click();
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await page.waitForFunction(() => document.querySelector('[data-testid="project-title"]')?.textContent === 'Harbour marks', undefined, {
      timeout: 10_000,
    });
  });

  it('formats with the toolbar: each button shows its state and names its shortcut', async () => {
    await page.locator('[data-testid="editor"] .ProseMirror').click();
    await byTestId('block-style').selectOption('heading1');
    await page.keyboard.type('Harbour notes');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The ');
    await typeMarked('format-bold', 'boats');
    await page.keyboard.type(' come in at ');
    await typeMarked('format-italic', 'dusk');
    await page.keyboard.type('.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Read the ');
    await typeThenSelectBack('harbour guide');
    await byTestId('format-link').click();
    await byTestId('link-address').fill('javascript:alert(1)');
    await byTestId('link-address').press('Enter');
    expect(await byTestId('link-refusal').innerText()).toMatch(/web page .* or an email address/);
    await studio.screenshot('70-link-field');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await linkTo('example.org/guide');
    await page.keyboard.press('End');
    await page.keyboard.type('.');
    await page.keyboard.press('Enter');
    await byTestId('format-bulletList').click();
    await page.keyboard.type('Nets\nRopes\n\n');
    await byTestId('format-orderedList').click();
    await page.keyboard.type('First tide\nSecond tide\n\n');
    await byTestId('format-blockquote').click();
    await page.keyboard.type('A quiet harbour is a happy one.');
    await expectPressed('format-blockquote', true);
    await expectPressed('format-bulletList', false);
    expect(await byTestId('format-bold').getAttribute('title')).toBe('Bold (Ctrl+B)');
    await studio.screenshot('70-toolbar-light');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // One tab stop, arrow keys inside: Tab from the text style lands on one button, → moves on, Tab leaves.
    await byTestId('block-style').focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(await focused()).toBe('format-bold');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('format-italic');
    await page.keyboard.press('Tab');
    expect((await focused()) ?? '').not.toMatch(/^format-/);
    await page.locator('[data-testid="editor"] blockquote p').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
  });

  it('formats with the shortcuts, Ctrl+K opening the link field', async () => {
    await page.keyboard.type('Gulls ');
    await pressThenType([
      ['Control+b', 'cry'],
      ['Control+b', ' and '],
      ['Control+i', 'wheel'],
      ['Control+i', '; write to the '],
    ]);
    await typeThenSelectBack('editor');
    await page.keyboard.press('Control+k');
    await linkTo('editor@example.org');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await pressThenType([
      ['Control+Shift+8', 'Salt\n\n'],
      ['Control+Shift+7', 'Tide\n\n'],
      ['Control+Shift+b', 'Spray'],
    ]);
    expect(await formattingInEditor()).toEqual(FORMATTED);
  });

  it('looks right in the dark theme', async () => {
    await byTestId('theme-toggle').click();
    await page.locator('[data-testid="editor"] strong').first().click();
    await expectPressed('format-bold', true);
    await studio.screenshot('70-toolbar-dark');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await byTestId('theme-toggle').click();
  });

  it('saves the formatting and has it back after a reload', async () => {
    await page.keyboard.press('Control+s');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved',
      undefined,
      { timeout: 15_000 },
    );
    const dir = await byTestId('project-title').getAttribute('title');
    const saved = readFileSync(path.join(dir!, 'document.json'), 'utf8');
    for (const type of ['bold', 'italic', 'link', 'bulletList', 'orderedList', 'blockquote']) expect(saved).toContain(`"type":"${type}"`);
    await page.reload();
    await page.locator('[data-testid="editor"] strong').first().waitFor({ timeout: STEP_TIMEOUT });
    expect(await formattingInEditor()).toEqual(FORMATTED);
  });

  it('exports Markdown with the marks and blocks', async () => {
    await exportAs('md', 'harbour.md');
    const markdown = readFileSync(path.join(exportsDir, 'harbour', 'harbour.md'), 'utf8');
    const found: Record<string, string[]> = {};
    const walk = (node: { type: string; url?: string; ordered?: boolean | null; value?: string; children?: unknown[] }): void => {
      const key = node.type === 'list' ? (node.ordered ? 'orderedList' : 'bulletList') : node.type;
      (found[key] ??= []).push(node.url ?? textOf(node));
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(fromMarkdown(markdown));
    expect(found.strong).toEqual(FORMATTED.bold);
    expect(found.emphasis).toEqual(FORMATTED.italic);
    expect(found.link).toEqual(FORMATTED.links.map(([, href]) => href));
    expect(found.bulletList).toEqual(['NetsRopes', 'Salt']);
    expect(found.orderedList).toEqual(['First tideSecond tide', 'Tide']);
    expect(found.blockquote).toEqual(FORMATTED.quotes);
  });

  it('exports HTML with the marks and blocks', async () => {
    await exportAs('html', 'harbour.html');
    const html = readFileSync(path.join(exportsDir, 'harbour.html'), 'utf8');
    for (const word of FORMATTED.bold) expect(html).toMatch(new RegExp(`<(strong|b)>${word}</\\1>`));
    for (const word of FORMATTED.italic) expect(html).toMatch(new RegExp(`<(em|i)>${word}</\\1>`));
    for (const [text, href] of FORMATTED.links) expect(html).toMatch(new RegExp(`<a [^>]*href="${href}"[^>]*>${text}</a>`));
    expect(html).toMatch(/<ul>\s*<li>(<p>)?Nets/);
    expect(html).toMatch(/<ol>\s*<li>(<p>)?First tide/);
    expect(html).toMatch(/<blockquote>\s*(<p>)?A quiet harbour/);
  });

  it('exports DOCX with the marks and blocks', async () => {
    await exportAs('docx', 'harbour.docx');
    const parts = unzipSync(readFileSync(path.join(exportsDir, 'harbour.docx')));
    const xml = Buffer.from(parts['word/document.xml'] as Uint8Array).toString('utf8');
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map((match) => match[1] as string);
    const runWith = (word: string) => runs.find((run) => run.includes(`>${word}</w:t>`)) ?? '';
    for (const word of FORMATTED.bold) expect(runWith(word)).toMatch(/<w:b\/>/);
    for (const word of FORMATTED.italic) expect(runWith(word)).toMatch(/<w:i\/>/);
    const relations = Buffer.from(parts['word/_rels/document.xml.rels'] as Uint8Array).toString('utf8');
    for (const [, href] of FORMATTED.links) expect(relations).toContain(`Target="${href}"`);
    expect(xml).toContain('<w:hyperlink');
    expect((xml.match(/<w:numPr>/g) ?? []).length).toBe(FORMATTED.bullets.length + FORMATTED.numbers.length);
    expect(xml).toMatch(/<w:pStyle w:val="[A-Za-z]*Quote"\/>/);
  });

  it('exports PDF with the words, the bold and italic faces and the links', async () => {
    await exportAs('pdf', 'harbour.pdf');
    const file = path.join(exportsDir, 'harbour.pdf');
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    for (const words of [
      'The boats come in at dusk.',
      'Read the harbour guide.',
      'Nets',
      '2. Second tide',
      'A quiet harbour is a happy one.',
    ])
      expect(text).toContain(words);
    const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
    expect(fonts).toMatch(/Bold/);
    expect(fonts).toMatch(/Italic|Oblique/);
    const bytes = readFileSync(file).toString('latin1');
    for (const [, href] of FORMATTED.links) expect(bytes.includes(`/URI (${href})`), `a link annotation to ${href}`).toBe(true);
  });

  it('imports the exported Markdown through the File dialog: the same formatting is back in the editor', async () => {
    await byTestId('open-file-menu').click();
    await byTestId('import-path').fill(path.join(exportsDir, 'harbour', 'harbour.md'));
    await byTestId('import-article').click();
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    // A new project, named after the file, not the one the marks were written in.
    await page.waitForFunction(() => document.querySelector('[data-testid="project-title"]')?.textContent === 'harbour', undefined, {
      timeout: 10_000,
    });
    await page.locator('[data-testid="editor"] strong').first().waitFor({ timeout: STEP_TIMEOUT });
    expect(await formattingInEditor()).toEqual(FORMATTED);
  });
});

/** The text under a Markdown node, its children's run together. */
function textOf(node: { value?: string; children?: unknown[] }): string {
  return node.value ?? (node.children ?? []).map((child) => textOf(child as typeof node)).join('');
}
