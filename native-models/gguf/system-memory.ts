/**
 * How much memory a model may use right now. On Linux `os.freemem()` reports MemFree, which
 * leaves out the page cache the kernel gives back on demand and so badly understates what a
 * model can use; MemAvailable is the kernel's own estimate and is preferred.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';

export interface SystemMemory {
  freeRamBytes: number;
  totalRamBytes: number;
}

export async function readSystemMemory(): Promise<SystemMemory> {
  const totalRamBytes = os.totalmem();
  if (process.platform === 'linux') {
    try {
      const available = parseMemAvailable(await readFile('/proc/meminfo', 'utf8'));
      if (available !== undefined) return { freeRamBytes: Math.min(available, totalRamBytes), totalRamBytes };
    } catch {
      // Sandboxed or unusual systems may hide /proc; os.freemem() is the fallback.
    }
  }
  return { freeRamBytes: os.freemem(), totalRamBytes };
}

/** MemAvailable from /proc/meminfo text, in bytes. */
export function parseMemAvailable(meminfo: string): number | undefined {
  const match = /^MemAvailable:\s+(\d+)\s*kB/m.exec(meminfo);
  return match ? Number(match[1]) * 1024 : undefined;
}
