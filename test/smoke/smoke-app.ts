/**
 * The smoke test of the studio as a writer meets it, run the same way everywhere:
 *
 *   node bin/run-ts.js test/smoke/smoke-app.ts --serve [--artifacts DIR]
 *       the served studio (bin/serve.js, what `npm run serve` runs) in Debian's Chromium;
 *       npm test runs this (test/e2e/smoke.e2e.test.ts)
 *   node bin/run-ts.js test/smoke/smoke-app.ts --app out [--app-arg ARG]... [--artifacts DIR]
 *       the packaged desktop app (an executable, or the packager's out/ folder to find it in),
 *       under Xvfb on Linux; the release workflow runs this after `npm run make`
 *
 * Each starts on a fresh data folder. Screenshots of every step, report.json (each step's
 * outcome and findings), processes.json and app.log (everything the app printed) go to the
 * artifacts folder (default test/artifacts/smoke). Exit code 0 when every step passed.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { LaunchedApp } from './launched-app';
import { findPackagedExecutable, launchPackagedApp } from './launch-packaged-app';
import { launchServedStudio } from './launch-served-studio';
import { runSmoke } from './run-smoke';

const DEFAULT_ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts/smoke');

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      serve: { type: 'boolean' },
      app: { type: 'string' },
      'app-arg': { type: 'string', multiple: true },
      artifacts: { type: 'string' },
    },
  });
  if (Boolean(values.serve) === Boolean(values.app)) {
    console.error('Usage: smoke-app.ts (--serve | --app EXECUTABLE_OR_OUT_FOLDER [--app-arg ARG]...) [--artifacts DIR]');
    return 2;
  }
  const artifacts = path.resolve(values.artifacts ?? DEFAULT_ARTIFACTS);
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const root = mkdtempSync(path.join(os.tmpdir(), 'folio-smoke-'));
  const dataDir = path.join(root, 'data');
  const workDir = path.join(root, 'work');
  mkdirSync(workDir, { recursive: true });
  let app: LaunchedApp | undefined;
  try {
    app = values.app
      ? await launchPackagedApp({ executable: findPackagedExecutable(values.app), dataDir, artifacts, extraArgs: values['app-arg'] ?? [] })
      : await launchServedStudio({ dataDir, artifacts });
    const report = await runSmoke(app, { workDir, artifacts });
    writeFileSync(path.join(artifacts, 'report.json'), JSON.stringify(report, null, 2));
    if (report.pageErrors.length > 0) console.log(`FAIL the page threw: ${report.pageErrors.join('; ')}`);
    console.log(report.ok ? 'Smoke test passed.' : 'Smoke test FAILED.');
    return report.ok ? 0 : 1;
  } catch (error) {
    console.log(`FAIL the app could not be started: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (app) writeFileSync(path.join(artifacts, 'app.log'), app.log());
    await app?.dispose();
    keepLogs(dataDir, artifacts);
    rmSync(root, { recursive: true, force: true });
  }
}

/** The data folder's own logs (crash reports, the engine's), beside the screenshots. */
function keepLogs(dataDir: string, artifacts: string): void {
  try {
    for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && /\.(log|txt)$/.test(entry.name))
        cpSync(
          path.join(entry.parentPath, entry.name),
          path.join(artifacts, 'data-logs', path.relative(dataDir, path.join(entry.parentPath, entry.name))),
        );
    }
  } catch {
    // no data folder: the app never started
  }
}

process.exitCode = await main(process.argv.slice(2));
