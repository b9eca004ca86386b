/// <reference lib="dom" />
/**
 * The first run of a writer with internet: model setup recommends a catalog entry, downloads
 * it with progress, pauses and resumes (bytes already fetched are not fetched again), and
 * loads it without a restart. The "internet" is a range-serving file server on 127.0.0.1
 * and the catalog a file pointing at it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRangeServer, type RangeServer } from '../helpers/range-server';
import { decoderBytes, projectorBytes, servedEntry } from '../integration/download/download-test-kit';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';

let files: RangeServer;
let studio: StudioInBrowser;

beforeAll(async () => {
  files = await startRangeServer({ 'decoder.gguf': decoderBytes(), 'mmproj.gguf': projectorBytes() });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-e2e-download-'));
  const catalogPath = path.join(dataDir, 'catalog.json');
  writeFileSync(catalogPath, JSON.stringify({ version: 1, notes: [], entries: [servedEntry(files.url)] }));
  // Slow enough to see progress and to pause halfway.
  files.setTrickle(8 * 1024, 15);
  studio = await openStudioInBrowser({ dataDir, catalogPath });
}, 60_000);
afterAll(async () => {
  await studio?.close();
  await files?.close();
});

describe('getting a model on first run', () => {
  it('downloads the recommended model with progress, pauses, resumes and loads it without a restart', async () => {
    const { page } = studio;
    await page.getByTestId('model-setup').waitFor();
    await page.getByTestId('download-model').click();
    // Progress in bytes, speed and time left, updated as the bytes arrive.
    await page.waitForFunction(
      () => /[1-9]\d\d? KB of \d+ KB at [1-9]/.test(document.querySelector('[data-testid="model-setup"] .download')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    await studio.screenshot('20-downloading-model');
    await page.getByTestId('pause-download').click();
    await page.getByTestId('download-model').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('download-model').innerText()).toMatch(/Resume download/);
    const sentBeforeResume = files.bytesSent();
    files.setTrickle(0, 0);
    await page.getByTestId('download-model').click();
    // Finished, it loads at once: no restart, no second click.
    await page.waitForFunction(() => /Ready/.test(document.querySelector('[data-testid="model-status"]')?.textContent ?? ''), undefined, {
      timeout: 60_000,
    });
    const total = decoderBytes().length + projectorBytes().length;
    // Resuming fetched only what was missing.
    expect(files.bytesSent()).toBeLessThan(total + sentBeforeResume * 0.01 + 64 * 1024);
    expect(files.requests.some((request) => request.range)).toBe(true);
    expect(await page.getByTestId('model-status').innerText()).toMatch(/Tiny|tiny/);
    await studio.screenshot('21-downloaded-model-loaded');
  });
});
