import { describe, expect, it } from 'vitest';
import { measureCpu } from '../../../native-models/engines/choose-threads';
import { MOST_USEFUL_THREADS, planThreads } from '../../../native-models/engines/thread-plan';

describe('the thread plan', () => {
  it('leaves one core to the app on a quiet machine', () => {
    expect(planThreads({ logicalCores: 2, physicalCores: 2, busyCores: 0.1 }).threads).toBe(1);
    expect(planThreads({ logicalCores: 4, physicalCores: 4, busyCores: 0.2 }).threads).toBe(3);
    expect(planThreads({ logicalCores: 1, physicalCores: 1, busyCores: 0 }).threads).toBe(1);
  });

  it('gives threads only to the cores other programs leave free', () => {
    const busy = planThreads({ logicalCores: 8, physicalCores: 8, busyCores: 3 });
    expect(busy.threads).toBe(4);
    expect(busy.reason).toContain('3.0 of 8 cores busy');
    // A core more than half used by others counts as taken.
    expect(planThreads({ logicalCores: 8, physicalCores: 8, busyCores: 2.6 }).threads).toBe(4);
    expect(planThreads({ logicalCores: 8, physicalCores: 8, busyCores: 2.4 }).threads).toBe(5);
  });

  it('keeps at least one thread however busy the machine', () => {
    const plan = planThreads({ logicalCores: 2, physicalCores: 2, busyCores: 2 });
    expect(plan.threads).toBe(1);
    expect(plan.reason).toMatch(/2\.0 of 2 cores busy with other programs/);
    expect(planThreads({ logicalCores: 16, physicalCores: 8, busyCores: 40 }).threads).toBe(1);
  });

  it('uses one thread per physical core and stops where more stop helping', () => {
    const hyperthreaded = planThreads({ logicalCores: 8, physicalCores: 4, busyCores: 0 });
    expect(hyperthreaded).toMatchObject({ threads: 4 });
    expect(hyperthreaded.reason).toContain('one per physical core (4)');
    const large = planThreads({ logicalCores: 64, physicalCores: 32, busyCores: 1 });
    expect(large.threads).toBe(MOST_USEFUL_THREADS);
    expect(large.reason).toContain(`at most ${MOST_USEFUL_THREADS}`);
  });

  it('takes the number the writer asked for as it is', () => {
    expect(planThreads({ logicalCores: 2, physicalCores: 2, busyCores: 2 }, 2)).toEqual({ threads: 2, reason: '2 threads, as asked' });
    // Nonsense is not a request.
    expect(planThreads({ logicalCores: 4, physicalCores: 4, busyCores: 0 }, 0).threads).toBe(3);
  });
});

describe('measuring the processor', () => {
  it('reports busy cores within the machine, and at least one physical core', async () => {
    const cpu = await measureCpu(50);
    expect(cpu.logicalCores).toBeGreaterThanOrEqual(1);
    expect(cpu.physicalCores).toBeGreaterThanOrEqual(1);
    expect(cpu.physicalCores).toBeLessThanOrEqual(cpu.logicalCores);
    expect(cpu.busyCores).toBeGreaterThanOrEqual(0);
    expect(cpu.busyCores).toBeLessThanOrEqual(cpu.logicalCores + 0.01);
  });
});
