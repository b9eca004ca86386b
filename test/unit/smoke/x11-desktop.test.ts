/**
 * What the smoke script checks of the desktop on Linux, run on real X11 windows in a real X
 * server (Xvfb, no window manager, as in the release workflow): cancelling a native dialog, on a
 * GTK file chooser (zenity's, the same GTK dialog Electron shows without a desktop portal); and
 * reading a window's icon, on a Chromium app window, which takes its page's icon as Electron's
 * window takes the one main-window.ts gives it. .ci/run installs the programs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../../bench/fixtures/headless-chromium';
import { testPicture } from '../../fixtures/png';
import { cancelNativeDialog } from '../../smoke/cancel-native-dialog';
import type { LaunchedApp } from '../../smoke/launched-app';
import { windowIconProblems } from '../../smoke/window-icon';
import { hasCommand, requireInCi } from '../../integration/export/system-tools';

const ready =
  process.platform === 'linux' &&
  requireInCi(
    ['Xvfb', 'xdotool', 'zenity', 'xprop'].every(hasCommand),
    'Xvfb, xdotool, zenity and xprop (xvfb, xdotool, zenity, x11-utils)',
  );
let server: ChildProcess | undefined;
const savedDisplay = process.env.DISPLAY;

beforeAll(async () => {
  if (!ready) return;
  // -displayfd: the server picks a free display and writes its number to fd 3 once it accepts clients.
  server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    server?.stdio[3]?.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    server?.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  process.env.DISPLAY = `:${display}`;
});
afterAll(() => {
  server?.kill();
  if (savedDisplay === undefined) delete process.env.DISPLAY;
  else process.env.DISPLAY = savedDisplay;
});

describe.runIf(ready)('cancelling a native file dialog from the keyboard (X11)', () => {
  it('finds the dialog by its title and cancels it: the program is told "cancelled"', { timeout: 60_000 }, async () => {
    const dialog = spawn('zenity', ['--file-selection', '--save', '--title', 'Export the article'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => dialog.once('exit', resolve));
    await cancelNativeDialog('Export the article', { pid: dialog.pid ?? 0, platform: 'linux', timeoutMs: 30_000 });
    // zenity's exit status for Cancel (Escape) is 1; 0 would be a chosen file.
    expect(await exited).toBe(1);
  });

  it('says so when no dialog of that title appears', { timeout: 30_000 }, async () => {
    await expect(cancelNativeDialog('Export the article', { pid: 0, platform: 'linux', timeoutMs: 1500 })).rejects.toThrow(
      'No dialog titled "Export the article" appeared within 1.5 s.',
    );
  });
});

describe.runIf(ready)("reading a window's icon (X11's _NET_WM_ICON)", () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'folio-x11-icon-'));
  });
  // Chromium's helpers may still be writing the profile for a moment after the browser exits.
  afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));

  /**
   * A Chromium app window titled Folio whose page's icon is `png`: the icon check's answer once it
   * passes, or its last answer after 8 s (the window shows Chromium's own icon until the page's loads).
   */
  async function iconProblemsFor(png: Buffer): Promise<string[]> {
    const page = path.join(dir, `${png.length}.html`);
    writeFileSync(
      page,
      `<!doctype html><title>Folio</title><link rel="icon" href="data:image/png;base64,${png.toString('base64')}"><p>x</p>`,
    );
    const profile = path.join(dir, `profile-${png.length}`);
    const browser = spawn(chromiumPath(), ['--no-sandbox', `--user-data-dir=${profile}`, '--no-first-run', `--app=file://${page}`], {
      stdio: 'ignore',
    });
    try {
      const app = { shell: 'electron', pid: browser.pid ?? 0 } as LaunchedApp;
      const started = Date.now();
      let problems: string[] = [];
      while (Date.now() - started < 8_000 || !/differs/.test(problems[0] ?? '')) {
        problems = await windowIconProblems(app, 'linux').catch((error: unknown) => [String(error)]);
        if (problems.length === 0 || Date.now() - started > 30_000) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return problems;
    } finally {
      const exited = new Promise((resolve) => browser.once('exit', resolve));
      if (browser.exitCode === null && browser.signalCode === null) browser.kill();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
  }

  it("finds the window by its process and title, and passes the app's own icon", { timeout: 60_000 }, async () => {
    expect(await iconProblemsFor(readFileSync('assets/icons/256x256.png'))).toEqual([]);
  });

  it("names an icon that is not the app's", { timeout: 60_000 }, async () => {
    const problems = await iconProblemsFor(testPicture(4, 256));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^the window's \d+ px icon differs from the drawn icon by [\d.]+ per channel$/);
  });
});
