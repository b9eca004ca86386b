/**
 * The served studio as `npm run serve` starts it (bin/serve.js, run directly so the server is the
 * process under test, not npm), on a fresh data folder, opened in Debian's Chromium. Quitting is
 * Ctrl-C (SIGINT), as a writer at the terminal would.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openInChromium } from '../e2e/studio-browser';
import { exitsWithin, startWatched, type LaunchedApp } from './launched-app';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = 120_000;
const QUIT_TIMEOUT_MS = 30_000;

export async function launchServedStudio(options: { dataDir: string; artifacts: string }): Promise<LaunchedApp> {
  mkdirSync(options.dataDir, { recursive: true });
  const server = startWatched(process.execPath, [path.join(PROJECT_DIR, 'bin', 'serve.js'), '--data-dir', options.dataDir, '--port', '0']);
  try {
    const [url] = await server.waitForOutput(/^https?:\/\/\S+$/m, START_TIMEOUT_MS);
    const opened = await openInChromium(url, options.artifacts);
    return {
      shell: 'browser',
      page: opened.page,
      pid: server.child.pid ?? 0,
      dataDir: options.dataDir,
      screenshot: opened.screenshot,
      problems: opened.problems,
      log: server.output,
      async quit() {
        server.child.kill('SIGINT');
        if (!(await exitsWithin(server, QUIT_TIMEOUT_MS)))
          throw new Error(`The server did not stop within ${QUIT_TIMEOUT_MS / 1000} s of Ctrl-C.`);
      },
      async dispose() {
        await opened.browser.close().catch(() => undefined);
        if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      },
    };
  } catch (error) {
    server.child.kill('SIGKILL');
    throw error;
  }
}
