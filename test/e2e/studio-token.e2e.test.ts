/// <reference lib="dom" />
/**
 * Where the served studio's token goes, in Chromium: out of the address bar at once, into no
 * cookie and no picture address; and a picture over the studio's limit is refused in the page,
 * with a message giving the limit, before anything is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { testPicture } from '../fixtures/png';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';

const STEP_TIMEOUT = 90_000;
let studio: StudioInBrowser;
let page: Page;

beforeAll(async () => {
  studio = await openStudioInBrowser();
  page = studio.page;
}, 60_000);
afterAll(async () => {
  await studio?.close();
});

const byTestId = (id: string) => page.getByTestId(id);

/** Pastes files made in the page (so a 43 MB one costs no transfer) into the Ask panel's picture box. */
async function pasteIntoAsk(files: Array<{ name: string; size?: number; base64?: string }>): Promise<void> {
  await byTestId('ask-image').focus();
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const file of files) {
      const bytes = file.base64 ? Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0)) : new Uint8Array(file.size ?? 0);
      transfer.items.add(new File([bytes], file.name, { type: 'image/png' }));
    }
    document
      .querySelector('[data-testid="ask-image"]')
      ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, files);
}

describe('the token in the browser', () => {
  it('leaves the address bar, sets no cookie, and the studio still connects', async () => {
    await byTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
    expect(studio.server.url).toContain('#token=');
    expect(page.url()).not.toContain(studio.server.token);
    expect(await studio.context.cookies()).toEqual([]);
    await byTestId('use-demo-model').click();
    await byTestId('composer').waitFor({ timeout: STEP_TIMEOUT });
  });

  it('shows pictures from addresses without it', async () => {
    await byTestId('tab-ask').click();
    await pasteIntoAsk([{ name: 'harbour.png', base64: testPicture(9, 96).toString('base64') }]);
    const preview = byTestId('ask-image-preview');
    await preview.waitFor({ timeout: STEP_TIMEOUT });
    await page.waitForFunction(
      () => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="ask-image-preview"]');
        return Boolean(img?.complete && img.naturalWidth > 0);
      },
      undefined,
      { timeout: 10_000 },
    );
    const source = (await preview.getAttribute('src')) ?? '';
    expect(source).toMatch(/^\/pictures\/[0-9a-f]{32}\/assets\/[0-9a-f]{64}\/thumbnail$/);
    expect(source).not.toContain(studio.server.token);
  });

  it('refuses a picture over the limit with a message giving it, and the page stays connected', async () => {
    const before = await byTestId('ask-image-preview').getAttribute('src');
    await pasteIntoAsk([{ name: 'huge.png', size: 43_500_000 }]);
    const toast = byTestId('toast').filter({ hasText: /40 MB/ }).first();
    await toast.waitFor({ timeout: STEP_TIMEOUT });
    await studio.screenshot('40-picture-too-large');
    expect(await toast.innerText()).toMatch(/huge\.png is 41 MB; the studio takes pictures up to 40 MB/);
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    // Still connected: a picture that fits goes through.
    await pasteIntoAsk([{ name: 'small.png', base64: testPicture(3, 64).toString('base64') }]);
    await page.waitForFunction(
      (before) => (document.querySelector('[data-testid="ask-image-preview"]')?.getAttribute('src') ?? before) !== before,
      before,
      { timeout: STEP_TIMEOUT },
    );
    expect(
      await byTestId('toast')
        .filter({ hasText: /connection|lost/i })
        .count(),
    ).toBe(0);
  });
});
