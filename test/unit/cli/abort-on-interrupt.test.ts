import { describe, expect, it } from 'vitest';
import { abortOnInterrupt } from '../../../electron/cli/abort-on-interrupt';

describe('Ctrl-C during a command', () => {
  it('aborts the running job, and once released leaves Ctrl-C to end the process as usual', () => {
    const before = process.listenerCount('SIGINT');
    const interrupt = abortOnInterrupt();
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    process.emit('SIGINT');
    expect(interrupt.signal.aborted).toBe(true);
    interrupt.release();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('a job that finished releases its listener without being aborted', () => {
    const before = process.listenerCount('SIGINT');
    const interrupt = abortOnInterrupt();
    interrupt.release();
    expect(interrupt.signal.aborted).toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
