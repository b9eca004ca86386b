import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver } from '../../../electron/studio/documents/autosaver';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A save that takes `ms` and records when it started. */
function slowSave(ms = 100) {
  const starts: number[] = [];
  let running = 0;
  let overlapped = false;
  const save = vi.fn(async () => {
    starts.push(Date.now());
    running++;
    if (running > 1) overlapped = true;
    await new Promise((resolve) => setTimeout(resolve, ms));
    running--;
  });
  return { save, starts, overlapped: () => overlapped };
}

describe('createAutosaver', () => {
  it('saves a few seconds after the first edit, even while edits keep coming', async () => {
    const { save, starts } = slowSave(10);
    const start = Date.now();
    const autosaver = createAutosaver({ save, intervalMs: 3000 });
    for (let second = 0; second < 7; second++) {
      autosaver.markDirty();
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(starts.map((at) => at - start)).toEqual([3000, 6000]);
    const disposing = autosaver.dispose();
    await vi.advanceTimersByTimeAsync(20);
    await disposing;
    expect(starts).toHaveLength(3);
  });

  it('does nothing while nothing changed', async () => {
    const { save } = slowSave();
    const autosaver = createAutosaver({ save, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(10_000);
    await autosaver.flush();
    expect(save).not.toHaveBeenCalled();
  });

  it('saves at once on flush (after a model step) and never runs two saves together', async () => {
    const { save, overlapped } = slowSave(100);
    const autosaver = createAutosaver({ save, intervalMs: 3000 });
    autosaver.markDirty();
    const first = autosaver.flush();
    autosaver.markDirty(); // an edit during the save
    const second = autosaver.flush();
    await vi.advanceTimersByTimeAsync(500);
    await Promise.all([first, second]);
    expect(save).toHaveBeenCalledTimes(2);
    expect(overlapped()).toBe(false);
    expect(autosaver.dirty).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('stays dirty and retries after a failed save', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const save = vi.fn(async () => {
      if (fail) throw new Error('disk full');
    });
    const autosaver = createAutosaver({ save, intervalMs: 1000, onError: (error) => errors.push(error) });
    autosaver.markDirty();
    await expect(autosaver.flush()).rejects.toThrow('disk full');
    expect(autosaver.dirty).toBe(true);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(autosaver.dirty).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it('saves what is pending on dispose, then ignores edits', async () => {
    const { save } = slowSave(10);
    const autosaver = createAutosaver({ save, intervalMs: 1000 });
    autosaver.markDirty();
    const disposing = autosaver.dispose();
    await vi.advanceTimersByTimeAsync(20);
    await disposing;
    autosaver.markDirty();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
