/**
 * Where the benchmark keeps what is slow to make and the same every run: the ViT-B/32-sized
 * CLIP with random weights (about 600 MB) and the phone-sized photos (about 1.5 GB for 1,000).
 * `${XDG_CACHE_HOME:-~/.cache}/folio/bench-library`, outside the repository.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLIP_VIT_B_32 } from '../../native-models/clip/clip-architecture';
import { writeClipModel } from '../../native-models/clip/write-clip-model';

export function benchCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'folio', 'bench-library');
}

/** The generated ViT-B/32 CLIP (random weights: the real architecture and size, for timing). */
export const BENCH_CLIP_ID = 'bench-clip-vit-b-32-random';

/** Makes `what` once: a stamp file beside it records that it finished. */
export async function cached(dir: string, stamp: string, make: (dir: string) => Promise<void>): Promise<string> {
  const stampFile = path.join(dir, '.complete');
  if ((await readFile(stampFile, 'utf8').catch(() => '')) === stamp) return dir;
  await mkdir(dir, { recursive: true });
  await make(dir);
  await writeFile(stampFile, stamp);
  return dir;
}

export function ensureBenchClip(log: (line: string) => void): Promise<string> {
  return cached(path.join(benchCacheDir(), 'clip-vit-b-32-random'), BENCH_CLIP_ID, async (dir) => {
    log(`writing ${CLIP_VIT_B_32.name} with random weights into ${dir} (once) ...`);
    await writeClipModel(dir, { id: BENCH_CLIP_ID, architecture: CLIP_VIT_B_32 });
  });
}
