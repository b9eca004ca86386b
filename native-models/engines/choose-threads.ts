/**
 * The thread plan for a model about to load, from this machine as it is now: how busy its
 * cores were over a short window (os.cpus() times, on every platform) and how many are physical.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { planThreads, type CpuPicture, type ThreadPlan } from './thread-plan';

/** Long enough to see a busy program, short enough not to slow a load noticeably. */
const SAMPLE_MS = 200;

export async function chooseThreads(requested?: number, sampleMs = SAMPLE_MS): Promise<ThreadPlan> {
  if (requested !== undefined) return planThreads({ logicalCores: 1, physicalCores: 1, busyCores: 0 }, requested);
  return planThreads(await measureCpu(sampleMs));
}

export async function measureCpu(sampleMs = SAMPLE_MS): Promise<CpuPicture> {
  const before = os.cpus();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const after = os.cpus();
  let busy = 0;
  let total = 0;
  after.forEach((cpu, index) => {
    const earlier = before[index];
    if (!earlier) return;
    const spent = (times: os.CpuInfo['times']): number => times.user + times.nice + times.sys + times.irq;
    busy += spent(cpu.times) - spent(earlier.times);
    total += spent(cpu.times) + cpu.times.idle - spent(earlier.times) - earlier.times.idle;
  });
  const logicalCores = os.availableParallelism();
  return { logicalCores, physicalCores: physicalCores() ?? logicalCores, busyCores: total > 0 ? (busy / total) * after.length : 0 };
}

/** Linux names each core's hardware threads; elsewhere the count is unknown here. */
function physicalCores(): number | null {
  if (process.platform !== 'linux') return null;
  const cores = new Set<string>();
  for (let cpu = 0; cpu < os.cpus().length; cpu++) {
    try {
      cores.add(readFileSync(`/sys/devices/system/cpu/cpu${cpu}/topology/thread_siblings_list`, 'utf8').trim());
    } catch {
      return null;
    }
  }
  return cores.size > 0 ? cores.size : null;
}
