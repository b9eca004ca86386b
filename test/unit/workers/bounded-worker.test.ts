/**
 * A bounded worker in a process of its own survives what ends a worker thread's whole process:
 * a list of 10^9 numbers grows past the heap limit in a few large allocations, and in Node 20 a
 * worker thread's resourceLimits do not hold against that ("FATAL ERROR: Reached heap limit",
 * the test process with it: the fresh-clone CI's template-fuzz lost its test worker so). Run
 * with isolation 'thread', this file's first test ends vitest's worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BoundedWorker, WorkerLimitError } from '../../../native-models/bounded-worker';

const numbers = new BoundedWorker<{ count: number }, number>(import.meta.url, 'numbers-child', {
  timeMs: 30_000,
  memoryMb: 128,
  isolation: 'process',
});
afterAll(() => numbers.close());

describe('a bounded worker in a process of its own', () => {
  it('fails a task past its memory with the limit named, and this process goes on', async () => {
    const failure = await numbers.run({ count: 1_000_000_000 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkerLimitError);
    expect((failure as WorkerLimitError).limit).toBe('memory');
    expect((failure as WorkerLimitError).message).toBe('it needed more than 128 MB of memory');
  }, 60_000);

  it('starts a fresh process for the next task', async () => {
    expect(await numbers.run({ count: 1_000 })).toBe(1_000);
    expect(await numbers.run({ count: 5 })).toBe(5);
  }, 60_000);

  it('ends a task past its time', async () => {
    const slow = new BoundedWorker<{ count: number }, number>(import.meta.url, 'numbers-child', {
      timeMs: 200,
      memoryMb: 2_048,
      isolation: 'process',
    });
    try {
      // Started first, so the start (compiling through tsx) is not counted against the task's time.
      await slow.run({ count: 1 });
      const failure = await slow.run({ count: 1e12 }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ limit: 'time', message: 'it took longer than 200 ms' });
      expect(await slow.run({ count: 3 })).toBe(3);
    } finally {
      slow.close();
    }
  }, 60_000);
});
