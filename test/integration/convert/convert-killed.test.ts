/**
 * Issue 24, cause 4: `folio convert` killed outright (SIGKILL). Its hidden `.partial` folder is
 * removed by the next conversion beside it and by the next studio start; llama.cpp's quantizer,
 * running when its converter dies, ends with it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { fixture, TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { folioConvert } from '../../helpers/folio-convert-run';

const FOLIO = path.resolve('bin/folio.js');
const BIN = fixture('xcomposer2/tiny-bin');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'folio-convert-killed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Whether a process still runs (a zombie waiting for its reaper does not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!running(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return !running(pid);
}

/** Starts `folio convert`, kills it outright when `when` says so, and waits for it to be gone. */
async function convertKilled(args: string[], when: (pid: number, line: string | null) => boolean): Promise<number> {
  const child = spawn(process.execPath, [FOLIO, 'convert', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid as number;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let killed = false;
  const kill = (): void => {
    if (killed) return;
    killed = true;
    child.kill('SIGKILL');
  };
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => when(pid, line) && kill());
  while (!killed && child.exitCode === null) {
    if (when(pid, null)) kill();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await exited;
  expect(killed).toBe(true);
  return pid;
}

describe('a conversion killed outright', () => {
  it('leaves a hidden partial folder that the next conversion beside it removes', async () => {
    const parent = path.join(scratch, 'next-conversion');
    mkdirSync(parent);
    const pid = await convertKilled([BIN, '-o', path.join(parent, 'first')], (_pid, line) => line?.startsWith('Converting') ?? false);
    const partial = `.first.partial-${pid}`;
    expect(readdirSync(parent)).toEqual([partial]);
    const run = folioConvert([BIN, '-o', path.join(parent, 'second')]);
    expect(run.code).toBe(0);
    expect(readdirSync(parent)).toEqual(['second']);
  });

  it('leaves a partial folder in the models folder that the next studio start removes', async () => {
    const dataDir = path.join(scratch, 'studio');
    const converted = path.join(dataDir, 'models', 'converted');
    mkdirSync(converted, { recursive: true });
    const pid = await convertKilled(
      [BIN, '-o', path.join(converted, 'tiny-bin-f16')],
      (_pid, line) => line?.startsWith('Converting') ?? false,
    );
    expect(readdirSync(converted)).toEqual([`.tiny-bin-f16.partial-${pid}`]);
    const service = await StudioService.create({
      dataDir,
      shell: 'browser',
      demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
      modelsDir: path.join(dataDir, 'models'),
      loadConfiguredModel: false,
    });
    try {
      const deadline = Date.now() + 5_000;
      while (readdirSync(converted).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(readdirSync(converted)).toEqual([]);
    } finally {
      await service.close();
    }
  });

  it("takes llama.cpp's quantizer with it", async () => {
    const commandOf = (pid: number): string => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    };
    let quantizer = 0;
    let seenAt = 0;
    const out = path.join(scratch, 'quantized');
    await convertKilled([BIN, '-o', out, '--type', 'q4_k_m'], (pid) => {
      const children = childrenOf(pid);
      if (!quantizer) {
        quantizer = children.find((child) => commandOf(child).includes('llama-quantize')) ?? 0;
        if (!quantizer) return false;
        seenAt = Date.now();
        // Stopped, it cannot finish on its own before its converter is gone: only something that kills it ends it.
        process.kill(quantizer, 'SIGSTOP');
      }
      // The converter starts its watcher right after the quantizer; a converter killed between the two
      // (microseconds) would leave it: wait for the watcher, but not for ever.
      return children.some((child) => commandOf(child).includes(`folio-end-with-parent\0${quantizer}`)) || Date.now() - seenAt > 1_000;
    });
    expect(quantizer).toBeGreaterThan(0);
    const ended = await gone(quantizer, 3_000);
    if (!ended) process.kill(quantizer, 'SIGKILL');
    expect(ended).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});
