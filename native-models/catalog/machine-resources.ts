/**
 * What this computer offers a model: memory now, the graphics card's free memory where it
 * can be read cheaply, and the backend the engines would use. No native binding is loaded
 * (this runs in the main process); NVIDIA cards are read through `nvidia-smi`.
 */
import { execFile } from 'node:child_process';
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { readSystemMemory } from '../gguf/system-memory';

type MachineBackend = 'cpu' | 'cuda' | 'metal' | 'vulkan';

export interface MachineResources {
  freeRamBytes: number;
  totalRamBytes: number;
  /** Free memory on the graphics card, where known. */
  vramFreeBytes?: number;
  backend: MachineBackend;
  /** Free space where models are saved, where known. */
  diskFreeBytes?: number;
}

export async function readMachineResources(options: { modelsDir?: string } = {}): Promise<MachineResources> {
  const [memory, gpu, diskFreeBytes] = await Promise.all([
    readSystemMemory(),
    readNvidiaMemory(),
    options.modelsDir ? freeDiskBytes(options.modelsDir) : Promise.resolve(undefined),
  ]);
  // Apple silicon shares one memory between processor and GPU: RAM is the limit either way.
  const backend: MachineBackend = gpu ? 'cuda' : process.platform === 'darwin' && process.arch === 'arm64' ? 'metal' : 'cpu';
  return {
    ...memory,
    backend,
    ...(gpu ? { vramFreeBytes: gpu.freeBytes } : {}),
    ...(diskFreeBytes === undefined ? {} : { diskFreeBytes }),
  };
}

/** Free bytes on the disk holding `dir` (or its nearest existing parent). */
export async function freeDiskBytes(dir: string): Promise<number | undefined> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      const stats = await statfs(current);
      return Number(stats.bavail) * Number(stats.bsize);
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) return undefined;
      current = parent;
    }
  }
}

function readNvidiaMemory(): Promise<{ freeBytes: number } | undefined> {
  return new Promise((resolve) => {
    execFile(
      'nvidia-smi',
      ['--query-gpu=memory.free', '--format=csv,noheader,nounits'],
      { timeout: 3000, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : parseNvidiaFree(stdout)),
    );
  });
}

/** The largest card's free MiB from nvidia-smi's CSV (one line per card); llama.cpp uses the first by default. */
export function parseNvidiaFree(csv: string): { freeBytes: number } | undefined {
  const values = csv
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((value) => Number.isFinite(value) && value > 0);
  return values.length > 0 ? { freeBytes: Math.max(...values) * 1024 * 1024 } : undefined;
}
