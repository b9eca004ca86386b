/**
 * Hostile paths through every reader of outside files, fuzzed (issue 24's fuzzing line): a
 * seeded run picks a path's kind (FIFO, /proc and sysfs files behind links, devices, folders,
 * link loops, sparse giants, a name swapped for a FIFO during the read) and a reader, case after
 * case, in a child process watched from here. Every case must settle within a few seconds and
 * the child's memory stay bounded; a refusal is fine, a hang or a flood is not. The seed is
 * printed; FOLIO_FUZZ_SEED replays a run. Bounded in time: at most 20 s of cases.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

const seed = Number(process.env.FOLIO_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MAX_CASES = 400;
const MAX_MS = 20_000;
/** Longer than any refusal takes (milliseconds), far shorter than a hang. */
const CASE_LIMIT_MS = 10_000;
const MAX_RSS = 1024 * 1024 * 1024;

const work = mkdtempSync(path.join(os.tmpdir(), 'folio-hostile-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Outcome {
  cases: number;
  finished: boolean;
  stuck?: string;
  /** Cases where a reader handed back content from a FIFO, a device, a /proc file or the like. */
  violations: string[];
  maxRss: number;
  stderr: string;
}

function runChild(): Promise<Outcome> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.resolve('test/integration/files/hostile-paths-fuzz-child.ts'),
      String(seed),
      work,
      String(MAX_CASES),
      String(MAX_MS),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const outcome: Outcome = { cases: 0, finished: false, violations: [], maxRss: 0, stderr: '' };
  child.stderr.on('data', (chunk: Buffer) => (outcome.stderr = (outcome.stderr + chunk.toString()).slice(-4000)));
  let current = '(starting)';
  let watchdog = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const rearm = (): void => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      outcome.stuck = current;
      child.kill('SIGKILL');
    }, CASE_LIMIT_MS);
  };
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as {
      start?: number;
      kind?: string;
      reader?: string;
      done?: number;
      rss?: number;
      finished?: boolean;
      violation?: number;
    };
    if (line.violation !== undefined) outcome.violations.push(`case ${line.violation}: ${line.kind} read through ${line.reader}`);
    if (line.start !== undefined) {
      current = `case ${line.start}: ${line.kind} through ${line.reader}`;
      rearm();
    }
    if (line.done !== undefined) {
      outcome.cases += 1;
      outcome.maxRss = Math.max(outcome.maxRss, line.rss ?? 0);
      if ((line.rss ?? 0) > MAX_RSS) {
        outcome.stuck = `${current} grew to ${line.rss} bytes`;
        child.kill('SIGKILL');
      }
    }
    if (line.finished) outcome.finished = true;
  });
  return new Promise((resolve) =>
    child.on('exit', () => {
      clearTimeout(watchdog);
      resolve(outcome);
    }),
  );
}

describe.skipIf(process.platform === 'win32')('hostile paths through every reader of outside files', () => {
  it(`settles every case quickly with bounded memory (seed printed)`, { timeout: 120_000 }, async () => {
    console.log(`hostile paths fuzz: FOLIO_FUZZ_SEED=${seed}`);
    const outcome = await runChild();
    expect(outcome.stuck, `seed ${seed}: ${outcome.stuck}\n${outcome.stderr}`).toBeUndefined();
    expect(outcome.violations, `seed ${seed}`).toEqual([]);
    expect(outcome.finished, `seed ${seed}: the child ended early\n${outcome.stderr}`).toBe(true);
    expect(outcome.cases).toBeGreaterThan(20);
    expect(outcome.maxRss).toBeLessThan(MAX_RSS);
  });
});
