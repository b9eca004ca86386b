/**
 * PDF through Chromium's page.pdf (playwright-core drives the system's Chromium; nothing is
 * downloaded). The page is the self-contained HTML export: JavaScript off, the context
 * offline, and every request but embedded data refused, so printing reaches nothing outside.
 * Each run gets a fresh, temporary profile (Playwright's launch() makes and removes it).
 * Chromium ends with the process that started it: Playwright closes it from an exit handler,
 * which a server killed outright never runs; Chromium noticed its pipe closing 3 to 8 s later
 * here, and one that is stuck never does (end-with-parent.ts; Playwright does not say the
 * browser's pid, so the watcher finds it by an argument of this run's own).
 */
import { randomBytes } from 'node:crypto';
import { chromium, type Browser } from 'playwright-core';
import { endMarkedWithParent } from '../../../native-models/end-with-parent';
import { ExportError } from './export-error';
import { findChromium } from './find-chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const RENDER_TIMEOUT_MS = 120_000;

/** Chromium ignores a switch it does not know; this one names the export that started it. */
const OWNER_ARGUMENT = '--folio-export-owner';

export async function htmlToPdf(html: string, options: { chromiumPath?: string; signal?: AbortSignal } = {}): Promise<Buffer> {
  const executablePath = options.chromiumPath ?? findChromium();
  if (!executablePath) {
    throw new ExportError(
      'chromium-missing',
      'PDF export needs Chromium, which was not found. Install it (for example "apt install chromium") or set FOLIO_CHROMIUM to its path.',
    );
  }
  let browser: Browser | undefined;
  const owner = randomBytes(9).toString('hex');
  const stopWatching = endMarkedWithParent(OWNER_ARGUMENT, owner);
  const abort = (): void => void browser?.close().catch(() => undefined);
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    browser = await chromium.launch({
      executablePath,
      args: [...CHROMIUM_FLAGS, `${OWNER_ARGUMENT}=${owner}`],
      headless: true,
      chromiumSandbox: false,
      timeout: RENDER_TIMEOUT_MS,
    });
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    // Data URLs never reach the router; anything else would be a request out.
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' } });
  } catch (error) {
    if (options.signal?.aborted) throw new ExportError('aborted', 'The export was cancelled.');
    const detail = error instanceof Error ? error.message : String(error);
    throw new ExportError('render-failed', `Chromium could not print the article to PDF (${executablePath}).`, detail);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await browser?.close().catch(() => undefined);
    stopWatching();
  }
}
