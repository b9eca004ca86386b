/**
 * Fuzz: at least 10,000 random and mutated WebSocket frames, and thousands of mutated Studio API
 * requests, against the real server (its own process, the real engine on the tiny models).
 * Afterwards the server still answers, every well-formed request got its own reply, and nothing
 * escaped as an uncaught exception or unhandled rejection. Seeded: the seed is printed, and
 * FOLIO_FUZZ_SEED=n repeats a run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPicture } from '../../fixtures/png';
import { frameBatch } from '../../helpers/fuzz-frames';
import { fuzzedRequest, type FuzzTarget } from '../../helpers/fuzz-messages';
import { openRawSocket } from '../../helpers/raw-websocket';
import { seededRandom, type Random } from '../../helpers/seeded-random';
import { connectStudio } from '../../helpers/studio-client';

const FRAMES = 10_000;
const REQUESTS = 3_000;
const CONNECTIONS_AT_ONCE = 4;
const REQUESTS_AT_ONCE = 32;
const seed = Number(process.env.FOLIO_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

const sandbox = mkdtempSync(path.join(os.tmpdir(), 'folio-fuzz-'));
let child: ChildProcess;
let stderr = '';
let server: { baseUrl: string; token: string };

beforeAll(async () => {
  for (const folder of ['work', 'tmp', 'places']) mkdirSync(path.join(sandbox, folder));
  // The model host is started with `--import tsx`, found from the working folder. (No fuzzed
  // string can name it: their alphabet has no 'n'.)
  symlinkSync(path.resolve('node_modules'), path.join(sandbox, 'work', 'node_modules'));
  // The sandbox is the server's working folder, home and temp folder: a fuzzed relative path or ~ lands there.
  child = spawn(process.execPath, [path.resolve('bin/run-ts.js'), path.resolve('test/helpers/fuzz-studio-server.ts'), sandbox], {
    cwd: path.join(sandbox, 'work'),
    env: {
      ...process.env,
      HOME: sandbox,
      TMPDIR: path.join(sandbox, 'tmp'),
      XDG_CACHE_HOME: process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
  });
  server = JSON.parse(line) as typeof server;
});
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

/** Raw connections, a few at a time, each sent one batch of frames; returns how many frames went out. */
async function sendFrames(random: Random): Promise<number> {
  let sent = 0;
  let nextId = 1;
  const worker = async (): Promise<void> => {
    while (sent < FRAMES) {
      const frames = frameBatch(random, nextId);
      nextId += frames.length;
      sent += frames.length;
      const connection = await openRawSocket(server.baseUrl, server.token);
      connection.send(Buffer.concat(frames));
      connection.socket.end();
      const timer = setTimeout(() => connection.socket.destroy(), 5000);
      await connection.closed;
      clearTimeout(timer);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS_AT_ONCE }, worker));
  return sent;
}

/** Mutated requests on one ordinary connection; every one must be answered (ok or an error), none may close it. */
async function sendRequests(random: Random, target: FuzzTarget): Promise<{ answered: number; refused: number; unanswered: string[] }> {
  const studio = await connectStudio(server.baseUrl, server.token);
  let answered = 0;
  let refused = 0;
  const unanswered: string[] = [];
  try {
    for (let first = 0; first < REQUESTS; first += REQUESTS_AT_ONCE) {
      const batch = Array.from({ length: Math.min(REQUESTS_AT_ONCE, REQUESTS - first) }, () => fuzzedRequest(random, target));
      const replies = await Promise.allSettled(batch.map((request) => withTimeout(studio.rawText(request.write), 20_000)));
      for (const [index, reply] of replies.entries()) {
        if (reply.status === 'fulfilled') answered++;
        else if (reply.reason instanceof Error && 'payload' in reply.reason) refused++;
        else unanswered.push(`${batch[index]?.method.slice(0, 40)}: ${String(reply.reason)}`);
      }
    }
  } finally {
    studio.close();
  }
  return { answered, refused, unanswered };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

describe('the served studio under fuzzed frames and requests', () => {
  it('keeps answering, answers every well-formed request, and nothing escapes', { timeout: 180_000 }, async () => {
    console.log(`fuzz seed: ${seed} (repeat with FOLIO_FUZZ_SEED=${seed})`);
    const setup = await connectStudio(server.baseUrl, server.token);
    await setup.call('loadModel', { source: { kind: 'demo' } });
    const picture = await setup.call('importImage', { fileName: 'a.png', dataBase64: testPicture(1, 40).toString('base64') });
    const { document } = await setup.call('openWorkspace');
    setup.close();
    const target: FuzzTarget = { sandbox, assetId: picture.assetId, document };

    const started = performance.now();
    const [frames, requests] = await Promise.all([
      sendFrames(seededRandom(seed)),
      sendRequests(seededRandom(seed ^ 0x5bd1e995), target),
    ]).catch((error: unknown) => {
      throw new Error(`${String(error)} (seed ${seed}; server exit code ${child.exitCode}; stderr:\n${stderr.slice(-4000)})`);
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${frames} frames and ${REQUESTS} requests in ${seconds.toFixed(1)} s (${requests.answered} answered, ${requests.refused} refused with an error reply)`,
    );

    const reports = new Map<string, number>();
    for (const [, where] of stderr.matchAll(/^studio server: ([^:\n]+)/gm))
      reports.set(where as string, (reports.get(where as string) ?? 0) + 1);
    console.log(`the server wrote down: ${[...reports].map(([where, count]) => `${count} × ${where}`).join('; ')}`);
    const context = `seed ${seed}; server stderr:\n${stderr.slice(-4000)}`;
    expect(frames, context).toBeGreaterThanOrEqual(FRAMES);
    expect(requests.unanswered.slice(0, 10), context).toEqual([]);
    expect(child.exitCode, context).toBeNull();
    // A normal session afterwards: the studio and its model still work.
    const studio = await connectStudio(server.baseUrl, server.token);
    try {
      expect(await studio.call('capabilities')).toMatchObject({ shell: 'browser' });
      await studio.call('loadModel', { source: { kind: 'demo' } });
      const { answer } = await studio.call('ask', { jobId: 'after-fuzz', question: 'Hello?', seed: 1 });
      expect(typeof answer).toBe('string');
    } finally {
      studio.close();
    }
    expect(stderr, context).not.toMatch(/FATAL/);
  });
});
