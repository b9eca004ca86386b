/**
 * The release smoke script (test/smoke/smoke-app.ts), run here exactly as the release workflow
 * runs it against the packaged app, but with --serve: bin/serve.js on a fresh data folder, the
 * studio in Debian's Chromium. Every step but the shell's own (the native dialog, the window's
 * icon, Electron's processes) is the same code in both. Artifacts in test/artifacts/smoke/.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { SMOKE_STEPS } from '../smoke/smoke-steps';
import type { SmokeReport } from '../smoke/run-smoke';
import { ARTIFACTS_DIR } from './studio-browser';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ARTIFACTS_DIR, 'smoke');
const llamaServer = await findLlamaServerBinary();

function runScript(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(PROJECT_DIR, 'bin', 'run-ts.js'), 'test/smoke/smoke-app.ts', ...args], {
      cwd: PROJECT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

// The quit step wants llama-server among the app's processes: the engine the packaged app carries.
describe.skipIf(!llamaServer)('the release smoke script against the served studio', () => {
  it('passes every step, from first run to a quit that leaves no process behind', { timeout: 15 * 60_000 }, async () => {
    const { code, output } = await runScript(['--serve', '--artifacts', ARTIFACTS]);
    const report = JSON.parse(readFileSync(path.join(ARTIFACTS, 'report.json'), 'utf8')) as SmokeReport;
    expect(
      report.steps.filter((step) => !step.ok).map((step) => `${step.name}: ${step.error}`),
      output,
    ).toEqual([]);
    expect(report.steps.map((step) => step.name)).toEqual(SMOKE_STEPS.map((step) => step.name));
    expect(report.shell).toBe('browser');
    expect(report.pageErrors).toEqual([]);
    expect(code, output).toBe(0);
  });

  it('says how to run it when asked wrongly', async () => {
    const { code, output } = await runScript(['--serve', '--app', 'out']);
    expect(code).toBe(2);
    expect(output).toMatch(/Usage: smoke-app\.ts \(--serve \| --app/);
  });
});
