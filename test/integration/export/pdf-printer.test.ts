/**
 * PDF export where the caller prints (the desktop app: Electron's printToPDF, on its main thread,
 * because a writer's machine has no Chromium for the export worker to find). Here the machine's
 * Chromium is hidden from the worker (FOLIO_CHROMIUM names nothing), as on such a machine.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportInWorker } from '../../../electron/studio/export/export-in-worker';
import { htmlToPdf } from '../../../electron/studio/export/html-to-pdf';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { chromiumPath } from '../../../bench/fixtures/headless-chromium';
import { SAMPLE_TEXT, makeSampleProject } from '../documents/sample-project';

let parent = '';
let project: Awaited<ReturnType<typeof makeSampleProject>>;
const realChromium = chromiumPath();
const savedChromium = process.env.FOLIO_CHROMIUM;

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'folio-pdf-printer-'));
  project = await makeSampleProject(parent);
});
afterAll(() => rm(parent, { recursive: true, force: true }));
beforeEach(() => {
  process.env.FOLIO_CHROMIUM = path.join(parent, 'no-chromium-here');
});
afterEach(() => {
  if (savedChromium === undefined) delete process.env.FOLIO_CHROMIUM;
  else process.env.FOLIO_CHROMIUM = savedChromium;
});

const request = (name: string) => ({
  projectDir: project.dir,
  document: project.document,
  outPath: path.join(parent, name, 'article.pdf'),
});

describe('a PDF printed by the caller', () => {
  it('without a printer, a machine without Chromium cannot export a PDF (what the desktop app met)', async () => {
    await expect(exportInWorker(request('without'))).rejects.toMatchObject({ code: 'render-failed' });
  });

  it("asks the caller's printer, on the caller's thread, with the self-contained page, and writes what it prints", async () => {
    const asked: Array<{ html: string; mainThread: boolean }> = [];
    const result = await exportInWorker(request('printed'), {
      printPdf: async (html) => {
        asked.push({ html, mainThread: isMainThread });
        return htmlToPdf(html, { chromiumPath: realChromium });
      },
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.mainThread).toBe(true);
    expect(asked[0]?.html).toContain(SAMPLE_TEXT.title);
    expect(asked[0]?.html).toMatch(/<img[^>]+src="data:image\//);
    const bytes = await readFile(result.outPath);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(result.bytes).toBe(bytes.length);
  });

  it("reports a printer's failure in words and leaves no file", async () => {
    const failing = exportInWorker(request('failed'), {
      printPdf: async () => {
        throw new Error('printToPDF: the renderer went away');
      },
    });
    await expect(failing).rejects.toMatchObject({
      code: 'render-failed',
      message: 'The article could not be printed to PDF.',
      detail: 'printToPDF: the renderer went away',
    });
    expect(await readdir(path.join(parent, 'failed'))).toEqual([]);
  });

  it('stops when cancelled while printing, and leaves no file', async () => {
    const controller = new AbortController();
    const cancelled = exportInWorker(request('cancelled'), {
      signal: controller.signal,
      printPdf: (_html, signal) =>
        new Promise((_, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('window destroyed')));
          controller.abort();
        }),
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'aborted', message: 'The export was cancelled.' });
    expect(await readdir(path.join(parent, 'cancelled'))).toEqual([]);
  });

  it("is the studio's way when the shell gives it a printer (the desktop app's main passes printToPDF)", async () => {
    const dataDir = path.join(parent, 'studio-data');
    const asked: string[] = [];
    const service = await StudioService.create({
      dataDir,
      shell: 'electron',
      modelsDir: path.join(dataDir, 'models'),
      loadConfiguredModel: false,
      printPdf: async (html) => {
        asked.push(html);
        return new TextEncoder().encode('%PDF-1.7 printed by the shell\n%%EOF\n');
      },
    });
    try {
      const out = path.join(parent, 'studio', 'Harbour.pdf');
      await service.handle('exportArticle', { jobId: 'pdf', document: project.document, format: 'pdf', path: out });
      expect(asked.length).toBe(1);
      expect(asked[0]).toContain(SAMPLE_TEXT.title);
      expect(await readFile(out, 'latin1')).toBe('%PDF-1.7 printed by the shell\n%%EOF\n');
    } finally {
      await service.close();
    }
  });
});
