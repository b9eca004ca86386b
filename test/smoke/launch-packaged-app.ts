/**
 * The packaged desktop app (what `npm run make` packaged, unpacked in out/), started with a fresh
 * user-data folder and driven over Chromium's remote-debugging port: Playwright's
 * `_electron.launch` needs Node's --inspect, which the app's fuses turn off, while the debugging
 * port is Chromium's own switch. Quitting closes the window (the app quits with its last window
 * on Linux and Windows); on macOS, where an app outlives its windows, SIGTERM then asks it to
 * quit the way the Dock's Quit does (Electron runs before-quit for it).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { APP_ORIGIN } from '../../electron/app/app-origin';
import { watchPage } from '../e2e/studio-browser';
import { exitsWithin, startWatched, type LaunchedApp } from './launched-app';

/** forge.config.ts packagerConfig().executableName. */
const EXECUTABLE = 'folio';
const START_TIMEOUT_MS = 120_000;
const QUIT_TIMEOUT_MS = 30_000;

/**
 * The app's executable: `target` itself when it is one, else looked for in the packager's output
 * folders under it (out/<name>-<platform>-<arch>/folio, folio.exe, or the program in <Name>.app/Contents/MacOS).
 */
export function findPackagedExecutable(target: string, platform: NodeJS.Platform = process.platform): string {
  if (existsSync(target) && statSync(target).isFile()) return target;
  const name = platform === 'win32' ? `${EXECUTABLE}.exe` : EXECUTABLE;
  const candidates: string[] = [];
  const look = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name.endsWith('.app')) {
        // The bundle's one program, whatever the packager named it (executableName, or the app's name).
        const programs = path.join(full, 'Contents', 'MacOS');
        if (platform === 'darwin' && existsSync(programs))
          candidates.push(...readdirSync(programs).map((name) => path.join(programs, name)));
      } else if (entry.isDirectory() && depth > 0 && entry.name !== 'make') look(full, depth - 1);
      else if (entry.isFile() && entry.name === name && platform !== 'darwin') candidates.push(full);
    }
  };
  look(target, 2);
  const found = candidates.filter((file) => existsSync(file));
  if (found.length !== 1) throw new Error(`Expected one packaged ${name} under ${target}, found ${found.length}: ${found.join(', ')}`);
  return found[0] ?? '';
}

export async function launchPackagedApp(options: {
  executable: string;
  dataDir: string;
  artifacts: string;
  extraArgs?: string[];
  platform?: NodeJS.Platform;
}): Promise<LaunchedApp> {
  const platform = options.platform ?? process.platform;
  const app = startWatched(
    options.executable,
    [`--user-data-dir=${options.dataDir}`, '--remote-debugging-port=0', ...(options.extraArgs ?? [])],
    // Chromium's own log on stderr too, for the artifacts.
    { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
  );
  try {
    const [, endpoint] = await app.waitForOutput(/DevTools listening on (ws:\/\/\S+)/, START_TIMEOUT_MS);
    const browser = await chromium.connectOverCDP(endpoint ?? '', { timeout: START_TIMEOUT_MS });
    const page = await appPage(browser.contexts()[0]?.pages() ?? [], () => browser.contexts()[0]?.pages() ?? []);
    await page.waitForLoadState('domcontentloaded');
    const watched = watchPage(page, options.artifacts);
    return {
      shell: 'electron',
      page,
      pid: app.child.pid ?? 0,
      dataDir: options.dataDir,
      executable: options.executable,
      screenshot: watched.screenshot,
      problems: watched.problems,
      log: app.output,
      async quit() {
        await page.evaluate(() => window.close()).catch(() => undefined);
        if (platform === 'darwin') {
          await page.waitForEvent('close', { timeout: QUIT_TIMEOUT_MS }).catch(() => undefined);
          app.child.kill('SIGTERM');
        }
        if (!(await exitsWithin(app, QUIT_TIMEOUT_MS)))
          throw new Error(`The app did not quit within ${QUIT_TIMEOUT_MS / 1000} s of its window closing.`);
      },
      async dispose() {
        if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
        await browser.close().catch(() => undefined);
      },
    };
  } catch (error) {
    app.child.kill('SIGKILL');
    throw error;
  }
}

/** The window showing the studio (the app's origin), waiting for it to appear. */
async function appPage(initial: Page[], current: () => Page[]): Promise<Page> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let pages = initial;
  for (;;) {
    const found = pages.find((page) => page.url().startsWith(APP_ORIGIN));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No window showed ${APP_ORIGIN} (pages: ${pages.map((page) => page.url()).join(', ')})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    pages = current();
  }
}
