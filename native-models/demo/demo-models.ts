/**
 * The demo model: the tiny InternLM2 decoder and its matched projector that the tests load,
 * written on demand into the app-data folder so a writer on an offline machine can walk
 * through the whole workflow (it writes nonsense; the setup screen says so). Deterministic:
 * the same bytes everywhere. Each file is written under a temporary name and renamed, so a
 * file under its final name is always complete; a file from an older release (the specs
 * changed) is replaced, so every machine runs the demo model the tests run.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeGguf } from '../gguf/gguf-writer';
import { decoderSpec } from './decoder-spec';
import { projectorSpec } from './projector-spec';

const DEMO_DECODER_FILE = 'tiny-internlm2.gguf';
const DEMO_PROJECTOR_FILE = 'tiny-internvl-mmproj.gguf';

export interface DemoModelPaths {
  decoder: string;
  projector: string;
}

export async function ensureDemoModels(dir: string): Promise<DemoModelPaths> {
  await mkdir(dir, { recursive: true });
  const paths = { decoder: path.join(dir, DEMO_DECODER_FILE), projector: path.join(dir, DEMO_PROJECTOR_FILE) };
  await writeUnlessCurrent(paths.decoder, () => decoderSpec());
  await writeUnlessCurrent(paths.projector, () => projectorSpec());
  return paths;
}

async function writeUnlessCurrent(file: string, spec: () => Parameters<typeof writeGguf>[1]): Promise<void> {
  const temporary = `${file}.${process.pid}.writing`;
  try {
    // A few milliseconds for the tiny files: cheaper than keeping a version by hand.
    await writeGguf(temporary, spec());
    const [present, fresh] = await Promise.all([sha256(file), sha256(temporary)]);
    if (present !== fresh) await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

async function sha256(file: string): Promise<string | null> {
  const bytes = await readFile(file).catch(() => null);
  return bytes ? createHash('sha256').update(bytes).digest('hex') : null;
}
