import { describe, expect, it } from 'vitest';
import { startCompetingLoad } from '../../../bench/engine/competing-load';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startCompetingLoad', () => {
  it('runs the asked number of busy processes until stopped', async () => {
    const load = startCompetingLoad(2);
    expect(load.pids).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(load.pids.every(alive)).toBe(true);
    load.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(load.pids.some(alive)).toBe(false);
  });

  it('starts nothing for 0', () => {
    expect(startCompetingLoad(0).pids).toEqual([]);
  });
});
