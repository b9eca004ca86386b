/**
 * Each export opened by the program a reader would use: the DOCX by LibreOffice, the HTML by
 * Chromium (every picture loaded, the writer's text shown as text), the PDF read back by
 * poppler. Exports run on a worker thread with progress, and can be cancelled.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportError } from '../../../electron/studio/export/export-error';
import { exportInWorker } from '../../../electron/studio/export/export-in-worker';
import { CHROMIUM_FLAGS } from '../../../electron/studio/export/html-to-pdf';
import type { ExportProgress } from '../../../electron/studio/export/export-types';
import { SAMPLE_TEXT, makeSampleProject } from '../documents/sample-project';
import { CHROMIUM, HAS_PDFTOTEXT, HAS_SOFFICE, requireInCi } from './system-tools';

let parent = '';
let project: Awaited<ReturnType<typeof makeSampleProject>>;

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'folio-export-'));
  project = await makeSampleProject(parent);
});
afterAll(() => rm(parent, { recursive: true, force: true }));

const exportTo = (name: string, onProgress?: (progress: ExportProgress) => void) =>
  exportInWorker({ projectDir: project.dir, document: project.document, outPath: path.join(parent, 'out', name) }, { onProgress });

/** The reader-visible text, whitespace collapsed. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');
const EXPECTED_LINES = [
  SAMPLE_TEXT.title,
  SAMPLE_TEXT.intro,
  SAMPLE_TEXT.captions[0],
  SAMPLE_TEXT.section,
  SAMPLE_TEXT.body,
  SAMPLE_TEXT.captions[1],
  SAMPLE_TEXT.closing,
] as string[];

describe('DOCX', () => {
  it('holds headings, paragraphs, pictures with alt text, and captions in the Caption style', async () => {
    const result = await exportTo('article.docx');
    expect(result).toMatchObject({ format: 'docx', figures: 2 });
    const parts = unzipSync(await readFile(result.outPath));
    expect(Object.keys(parts).filter((name) => name.startsWith('word/media/'))).toHaveLength(2);
    const xml = Buffer.from(parts['word/document.xml'] as Uint8Array).toString('utf8');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Caption"/>');
    expect(xml).toContain(`descr="${SAMPLE_TEXT.alts[0]}"`);
  });

  it.skipIf(!requireInCi(HAS_SOFFICE, 'LibreOffice (soffice)'))(
    'opens in LibreOffice with the article’s text in order',
    async () => {
      const source = path.join(parent, 'out', 'article.docx');
      const outDir = path.join(parent, 'lo');
      const profile = pathToFileURL(path.join(parent, 'lo-profile')).href;
      const run = spawnSync(
        'soffice',
        [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'txt:Text', '--outdir', outDir, source],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      const text = flat((await readFile(path.join(outDir, 'article.txt'), 'utf8')).replace(/^\uFEFF/, ''));
      let from = 0;
      for (const line of EXPECTED_LINES) {
        const at = text.indexOf(flat(line), from);
        expect(at, `"${line}" after position ${from} in: ${text}`).toBeGreaterThanOrEqual(from);
        from = at + line.length;
      }
    },
    150_000,
  );
});

describe.skipIf(!requireInCi(CHROMIUM !== null, 'Chromium'))('HTML and PDF in Chromium', () => {
  it('shows every picture from the self-contained page, and the writer’s text as text', async () => {
    const result = await exportTo('article.html');
    const browser = await chromium.launch({ executablePath: CHROMIUM as string, args: CHROMIUM_FLAGS });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url().slice(0, 40)));
      await page.goto(pathToFileURL(result.outPath).href, { waitUntil: 'load' });
      const images = await page.$$eval('img', (elements) =>
        elements.map((image) => ({ complete: image.complete, width: image.naturalWidth, alt: image.alt })),
      );
      expect(images).toEqual([
        { complete: true, width: 64, alt: SAMPLE_TEXT.alts[0] },
        { complete: true, width: 48, alt: SAMPLE_TEXT.alts[1] },
      ]);
      expect(await page.$$eval('figcaption', (elements) => elements.map((element) => element.textContent))).toEqual(SAMPLE_TEXT.captions);
      // "<b>not bold</b>" in the writer's text stays text.
      expect(await page.$$eval('p b', (elements) => elements.length)).toBe(0);
      expect(await page.textContent('body')).toContain('& <b>not bold</b>.');
      expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('prints a PDF with the article’s text', async () => {
    const result = await exportTo('article.pdf');
    const bytes = await readFile(result.outPath);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000);
    if (!requireInCi(HAS_PDFTOTEXT, 'pdftotext (poppler-utils)')) return;
    const text = flat(spawnSync('pdftotext', ['-layout', result.outPath, '-'], { encoding: 'utf8' }).stdout);
    for (const line of [SAMPLE_TEXT.title, SAMPLE_TEXT.section, SAMPLE_TEXT.captions[0], SAMPLE_TEXT.closing]) expect(text).toContain(line);
  });

  it('stops when cancelled and leaves no file behind', async () => {
    const controller = new AbortController();
    const out = path.join(parent, 'cancelled', 'article.pdf');
    const exporting = exportInWorker(
      { projectDir: project.dir, document: project.document, outPath: out },
      { signal: controller.signal, onProgress: (progress) => progress.phase === 'rendering' && controller.abort() },
    );
    await expect(exporting).rejects.toMatchObject({ code: 'aborted', message: 'The export was cancelled.' });
    expect(await readdir(path.dirname(out))).toEqual([]);
  });

  it('stops an export that runs past its time limit, and says so', async () => {
    const out = path.join(parent, 'late', 'article.pdf');
    const exporting = exportInWorker({ projectDir: project.dir, document: project.document, outPath: out }, { timeLimitMs: 300 });
    await expect(exporting).rejects.toMatchObject({ code: 'timed-out', message: 'The export took longer than 1 second and was stopped.' });
  });
});

describe('export off the main thread', () => {
  it('reports progress per picture, then writing', async () => {
    const many = { ...project.document, content: Array.from({ length: 12 }, () => project.document.content).flat() };
    const events: ExportProgress[] = [];
    const result = await exportInWorker(
      { projectDir: project.dir, document: many, outPath: path.join(parent, 'out', 'long.html') },
      { onProgress: (event) => events.push(event) },
    );
    expect(result.figures).toBe(24);
    const pictures = events.filter((event) => event.phase === 'pictures');
    expect(pictures.map((event) => event.done)).toEqual(Array.from({ length: 36 }, (_, index) => index + 1));
    expect(events.at(-1)).toEqual({ phase: 'writing', done: 1, total: 1 });
  });

  it('refuses an output it cannot write, with a reason', async () => {
    // A file where the output's folder should be.
    const outPath = path.join(project.dir, 'document.json', 'article.html');
    const error = await exportInWorker({ projectDir: project.dir, document: project.document, outPath }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ExportError);
    expect(error).toMatchObject({
      code: 'write-failed',
      message: `The export was not saved. ${path.join(project.dir, 'document.json')} is a file, not a folder, so nothing can be saved inside it.`,
    });
  });
});
