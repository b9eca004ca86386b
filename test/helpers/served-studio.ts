/**
 * The studio server in its own process, as `npm run serve` starts it, for tests of what one
 * client's request does to everyone else: work on the server's main thread stops every answer,
 * which a server inside the test's own process could not show (the test would stop with it).
 * `watchAnswers` asks `GET /` over and over as another client would and reports the longest wait.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { connectStudio, type TestStudioClient } from './studio-client';

export interface ServedStudio {
  baseUrl: string;
  token: string;
  studio: TestStudioClient;
  /** What the server wrote to stderr so far. */
  stderr(): string;
  close(): void;
}

/**
 * `dataDir`: a data folder to reuse (a server killed and started again); a fresh one by default.
 * `env`: added to the server's environment (a TMPDIR of the test's own, to find what it left).
 */
export async function serveStudio(
  args: string[] = [],
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-served-')),
  env: Record<string, string> = {},
): Promise<ServedStudio> {
  const child: ChildProcess = spawn(process.execPath, [path.resolve('bin/serve.js'), '--port', '0', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  const url = new URL(line);
  const token = url.hash.replace('#token=', '');
  const baseUrl = url.origin;
  const studio = await connectStudio(baseUrl, token);
  return {
    baseUrl,
    token,
    studio,
    stderr: () => stderr,
    close() {
      studio.close();
      child.kill('SIGKILL');
    },
  };
}

export interface AnswerWatch {
  /** Stops asking; the longest any one `GET /` waited (one still waiting counts its wait so far), and how many answered. */
  stop(): Promise<{ longestMs: number; answered: number }>;
}

export function watchAnswers(baseUrl: string, everyMs = 100): AnswerWatch {
  let stopped = false;
  let longestMs = 0;
  let answered = 0;
  let askedAt = 0;
  const loop = (async () => {
    while (!stopped) {
      askedAt = Date.now();
      await fetch(`${baseUrl}/`).then(
        (response) => response.arrayBuffer(),
        () => null,
      );
      longestMs = Math.max(longestMs, Date.now() - askedAt);
      askedAt = 0;
      answered++;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      if (askedAt) longestMs = Math.max(longestMs, Date.now() - askedAt);
      const result = { longestMs, answered };
      // A loop still waiting on a frozen server is left to end with it.
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      return result;
    },
  };
}
