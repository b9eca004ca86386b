/**
 * The demo's image-embedding model: the tiny CLIP the tests load (random weights), written on
 * first use beside the demo model so indexing and search work offline. Its vectors mean
 * nothing; the library says so. Written into a temporary folder and renamed, so a folder under
 * the final name is always complete; replaced when the generator's id changes.
 */
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { CLIP_FILES } from './clip-model-files';
import { writeClipModel } from './write-clip-model';

/** Bump when the generated model changes. */
const DEMO_CLIP_ID = 'folio-demo-clip-1';
const DEMO_CLIP_FOLDER = 'tiny-clip';

export async function ensureDemoClip(dir: string): Promise<string> {
  const target = path.join(dir, DEMO_CLIP_FOLDER);
  const present = await readFile(path.join(target, CLIP_FILES.description), 'utf8').catch(() => '');
  if (present.includes(`"${DEMO_CLIP_ID}"`)) return target;
  const temporary = `${target}.${process.pid}.writing`;
  try {
    await writeClipModel(temporary, { id: DEMO_CLIP_ID });
    await rm(target, { recursive: true, force: true });
    await rename(temporary, target);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
  return target;
}
