/**
 * The demo model: the tiny InternLM2 decoder and its matched projector that the tests load,
 * written on demand into the app-data folder so a writer on an offline machine can walk
 * through the whole workflow (it writes nonsense; the setup screen says so). Deterministic:
 * the same bytes everywhere. Each file is written under a temporary name and renamed, so a
 * file under its final name is always complete.
 */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeGguf } from '../gguf/gguf-writer';
import { decoderSpec } from './decoder-spec';
import { projectorSpec } from './projector-spec';

export const DEMO_DECODER_FILE = 'tiny-internlm2.gguf';
export const DEMO_PROJECTOR_FILE = 'tiny-internvl-mmproj.gguf';

export interface DemoModelPaths {
  decoder: string;
  projector: string;
}

export async function ensureDemoModels(dir: string): Promise<DemoModelPaths> {
  await mkdir(dir, { recursive: true });
  const paths = { decoder: path.join(dir, DEMO_DECODER_FILE), projector: path.join(dir, DEMO_PROJECTOR_FILE) };
  await writeUnlessPresent(paths.decoder, () => decoderSpec());
  await writeUnlessPresent(paths.projector, () => projectorSpec());
  return paths;
}

async function writeUnlessPresent(file: string, spec: () => Parameters<typeof writeGguf>[1]): Promise<void> {
  if ((await stat(file).catch(() => null))?.isFile()) return;
  const temporary = `${file}.${process.pid}.writing`;
  try {
    await writeGguf(temporary, spec());
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}
