import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LlamaServerBuildError } from '../../../native-models/engines/llama-server/compile/build-error';
import { runBuildStep } from '../../../native-models/engines/llama-server/compile/run-build-step';

describe('runBuildStep', () => {
  let dir: string;
  let logFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'folio-step-'));
    logFile = path.join(dir, 'build.log');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the output to the log and hands each line to onLine', async () => {
    const lines: string[] = [];
    await runBuildStep('print', process.execPath, ['-e', 'console.log("[ 10%] one"); console.error("two")'], {
      cwd: dir,
      logFile,
      verbose: false,
      onLine: (line) => lines.push(line),
    });
    const log = await readFile(logFile, 'utf8');
    expect(log).toContain('[ 10%] one');
    expect(log).toContain('two');
    expect(lines).toEqual(expect.arrayContaining(['[ 10%] one', 'two']));
  });

  it('fails with exit code 1, the log path and the last 30 lines of output', async () => {
    const script = 'for (let i = 1; i <= 50; i++) console.log("line " + i); process.exit(3)';
    const error = await runBuildStep('compile', process.execPath, ['-e', script], { cwd: dir, logFile, verbose: false }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LlamaServerBuildError);
    const failure = error as LlamaServerBuildError;
    expect(failure.exitCode).toBe(1);
    expect(failure.message).toContain('compile failed (exit code 3)');
    expect(failure.message).toContain(logFile);
    const tail = failure.detail?.split('\n') ?? [];
    expect(tail).toHaveLength(30);
    expect(tail[0]).toBe('line 21');
    expect(tail.at(-1)).toBe('line 50');
  });

  it('fails cleanly when the program does not exist', async () => {
    await expect(
      runBuildStep('cmake configure', path.join(dir, 'no-such-cmake'), [], { cwd: dir, logFile, verbose: false }),
    ).rejects.toThrow(/cmake configure failed \(spawn .*ENOENT\)/);
  });
});
