/**
 * `npm start` without Electron serves the studio and prints its URL after the renderer build's
 * lines (issue 23, minor): at a terminal the line says what it is; read by a program (the tests,
 * scripts) it stays the bare URL. The terminal is a real pseudo-terminal from util-linux's
 * `script`, the server the real one (bin/serve.js).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-serve-line-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.pid) process.kill(-child.pid, 'SIGKILL');
  child = undefined;
});

/** The first line the server prints, with `args` after node; the child leads its own group so the test ends all of it. */
function firstLine(command: string, args: string[]): Promise<string> {
  child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  return new Promise((resolve) => createInterface({ input: child?.stdout as NodeJS.ReadableStream }).once('line', resolve));
}

const serve = `${JSON.stringify(process.execPath)} bin/serve.js --port 0 --data-dir ${JSON.stringify(dataDir)}`;

it('labels the URL at a terminal', async () => {
  const line = await firstLine('script', ['-qfec', serve, '/dev/null']);
  expect(line.trim()).toMatch(/^Folio studio: open http:\/\/127\.0\.0\.1:\d+\/#token=\S+ in your browser \(Ctrl\+C stops it\)$/);
}, 120_000);

it('prints the bare URL to a program', async () => {
  const line = await firstLine('sh', ['-c', `exec ${serve}`]);
  expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/);
}, 120_000);
