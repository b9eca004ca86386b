/**
 * The end-to-end harness: the headless studio (real service, real engine on the tiny models)
 * with a fresh app-data folder, and Debian's Chromium driven by playwright-core. Screenshots
 * go to test/artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startStudioServer, type RunningStudioServer } from '../../electron/server/studio-server';
import { DEFAULT_RENDERER_DIR } from '../../electron/server/static-files';
import { StudioService, type StudioServiceOptions } from '../../electron/studio/service/studio-service';
import { CHROMIUM_ARGS, chromiumPath } from '../../bench/fixtures/headless-chromium';
import { TINY_DECODER, TINY_PROJECTOR } from '../helpers/fixture-paths';

export const ARTIFACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

export interface StudioInBrowser {
  dataDir: string;
  server: RunningStudioServer;
  service: StudioService;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A page being watched: its uncaught errors collected, screenshots named and written to a folder. */
export interface WatchedPage {
  page: Page;
  /** Writes `<dir>/<name>.png` and returns its path. */
  screenshot(name: string): Promise<string>;
  /** What the page threw so far, as messages. */
  problems: string[];
}

export function watchPage(page: Page, dir = ARTIFACTS_DIR): WatchedPage {
  mkdirSync(dir, { recursive: true });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  return {
    page,
    problems,
    async screenshot(name) {
      const file = path.join(dir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
  };
}

/** Debian's Chromium on a fresh temporary profile, one 1440×900 page watched and open at `url`. */
export async function openInChromium(
  url: string,
  dir = ARTIFACTS_DIR,
): Promise<WatchedPage & { browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS }); // launch() gives every browser a fresh temporary profile
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const watched = watchPage(await context.newPage(), dir);
  await watched.page.goto(url);
  return { ...watched, browser, context };
}

export async function openStudioInBrowser(options: Partial<StudioServiceOptions> = {}): Promise<StudioInBrowser> {
  if (!existsSync(path.join(DEFAULT_RENDERER_DIR, 'index.html')))
    throw new Error('The editor is not built: run npm run build:renderer first.');
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'folio-e2e-'));
  const service = await StudioService.create({
    dataDir,
    shell: 'browser',
    modelsDir: path.join(dataDir, 'models'),
    demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
    contextSize: 4096,
    ...options,
  });
  const server = await startStudioServer({ service });
  const { browser, context, page, screenshot, problems } = await openInChromium(server.url);
  return {
    dataDir,
    server,
    service,
    browser,
    context,
    page,
    screenshot,
    async close() {
      await browser.close();
      await server.close();
      await service.close();
      if (problems.length > 0) throw new Error(`The page threw: ${problems.join('; ')}`);
    },
  };
}
