/// <reference lib="dom" />
/**
 * Camera and phone pictures in the studio, in Debian's Chromium (issue 22, item 4): HEIC, TIFF
 * and SVG made in the test by the real tools, added as references with Add pictures (Chromium
 * gives a HEIC no type), shown as thumbnails and as figures (the studio serves a copy the
 * browser shows), composed with through the real engine on the tiny model; a HEIC pasted into
 * the Ask panel and asked about. Before, each was refused: "not a PNG, JPEG, WebP or GIF".
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cameraPicture } from '../fixtures/camera-pictures';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';
import { askUntilAnswered } from './writer-steps';

const STEP_TIMEOUT = 90_000;
let studio: StudioInBrowser;
let page: Page;
let dir = '';
const pictures: Record<'heic' | 'tiff' | 'svg', Buffer> = { heic: Buffer.alloc(0), tiff: Buffer.alloc(0), svg: Buffer.alloc(0) };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-e2e-camera-'));
  for (const [index, format] of (['heic', 'tiff', 'svg'] as const).entries())
    pictures[format] = readFileSync(await cameraPicture(dir, format, 40 + index));
  studio = await openStudioInBrowser();
  page = studio.page;
}, 60_000);
afterAll(async () => {
  await studio?.close();
  rmSync(dir, { recursive: true, force: true });
});

const byTestId = (id: string) => page.getByTestId(id);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function expectNoErrorToast(): Promise<void> {
  expect(await page.locator('[data-testid="toast"].error').allInnerTexts()).toEqual([]);
}

describe('camera pictures in the studio', () => {
  it('loads the demo model', async () => {
    await byTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
    await byTestId('use-demo-model').click();
    await byTestId('composer').waitFor({ timeout: STEP_TIMEOUT });
  });

  it('adds HEIC, TIFF and SVG references, shows them, and composes with them as the figures', async () => {
    await byTestId('tab-compose').click();
    await byTestId('reference-input').setInputFiles([
      // Chromium knows no type for a HEIC on most systems: the file comes with none.
      { name: 'IMG_0042.HEIC', mimeType: '', buffer: pictures.heic },
      { name: 'scan.tiff', mimeType: 'image/tiff', buffer: pictures.tiff },
      { name: 'diagram.svg', mimeType: 'image/svg+xml', buffer: pictures.svg },
    ]);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLImageElement>('[data-testid="reference-picture"] img')].filter(
          (img) => img.complete && img.naturalWidth > 0,
        ).length === 3,
      undefined,
      { timeout: STEP_TIMEOUT },
    );
    await expectNoErrorToast();
    const ids = await byTestId('reference-picture').evaluateAll((items) => items.map((item) => item.getAttribute('data-asset-id')));
    // The project keeps the originals, named by their own hash.
    expect([...ids].sort()).toEqual(Object.values(pictures).map(sha256).sort());
    await studio.screenshot('60-camera-references');

    await byTestId('outline').fill('# Harbour\n## Boats\n## Nets\n## Evening');
    await byTestId('use-library').uncheck();
    await byTestId('figure-count').selectOption('auto');
    await byTestId('compose').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="figure"] img').length === 3, undefined, {
      timeout: STEP_TIMEOUT,
    });
    await byTestId('job-progress').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await expectNoErrorToast();
    for (const figure of await byTestId('figure').all()) {
      await figure.scrollIntoViewIfNeeded();
      const img = figure.locator('img').first();
      await img.evaluate((element: HTMLImageElement) => element.decode(), undefined, { timeout: 10_000 });
      expect(await img.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
    }
    await studio.screenshot('61-camera-figures');
  });

  it('asks about a pasted HEIC through the real engine', async () => {
    await byTestId('tab-ask').click();
    await byTestId('ask-image').focus();
    await page.evaluate((base64) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], 'IMG_0043.HEIC', { type: '' }));
      document
        .querySelector('[data-testid="ask-image"]')
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, pictures.heic.toString('base64'));
    await page.waitForFunction(
      () => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="ask-image-preview"]');
        return Boolean(img?.complete && img.naturalWidth > 0);
      },
      undefined,
      { timeout: STEP_TIMEOUT },
    );
    await expectNoErrorToast();
    await byTestId('ask-question').fill('What is in this picture?');
    const answer = await askUntilAnswered(page);
    await expectNoErrorToast();
    expect(answer.length).toBeGreaterThan(0);
    await studio.screenshot('62-ask-about-heic');
  });
});
