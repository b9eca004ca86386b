/**
 * What indexing costs apart from the model: scan, sharp's checks and re-encode, hashing and the
 * database insert, measured with a describer that answers at once.
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { ImageDescriber } from '../../electron/studio/library/image-describer';
import { ImageLibrary } from '../../electron/studio/library/image-library';
import { indexFolder } from '../../electron/studio/library/index-folder';
import { prepareImage } from '../../electron/studio/library/prepare-image';
import { colourPicture } from '../fixtures/colour-picture';
import { randomUnitVector, seededRandom } from './synthetic-library';

export interface OverheadResult {
  label: string;
  pictures: number;
  averageBytes: number;
  /** indexFolder wall time per picture. */
  perPictureMs: number;
  /** prepareImage alone (read, checks, decode, orient, resize, encode, hash), per picture. */
  preparePerPictureMs: number;
}

/** A camera-sized JPEG with photo-like content (smoothed noise), different for every seed. */
async function photo(seed: number, width: number, height: number): Promise<Buffer> {
  const base = sharp({
    create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 110 + (seed % 40), sigma: 50 } },
  });
  return base.blur(1.5).jpeg({ quality: 88 }).toBuffer();
}

export async function measureIndexingOverhead(
  root: string,
  kind: 'small' | 'photo',
  count: number,
  dimensions: number,
): Promise<OverheadResult> {
  const folder = path.join(root, `pictures-${kind}`);
  mkdirSync(folder, { recursive: true });
  let totalBytes = 0;
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = kind === 'small' ? await colourPicture(i, (['png', 'jpeg', 'webp', 'gif'] as const)[i % 4]) : await photo(i, 4000, 3000);
    const file = path.join(folder, `p-${i}.${kind === 'small' ? 'img' : 'jpg'}`);
    await writeFile(file, bytes);
    files.push(file);
    totalBytes += bytes.length;
  }

  let started = performance.now();
  for (const file of files) await prepareImage({ path: file });
  const preparePerPictureMs = (performance.now() - started) / count;

  const vector = Array.from(randomUnitVector(seededRandom(9), dimensions));
  const describer: ImageDescriber = {
    model: 'bench',
    caption: async () => 'A quick caption for the benchmark.',
    embed: async () => vector,
  };
  const library = ImageLibrary.open(path.join(root, `overhead-${kind}.sqlite`));
  started = performance.now();
  const summary = await indexFolder(library, folder, { describer });
  const perPictureMs = (performance.now() - started) / count;
  library.close();
  if (summary.described !== count)
    throw new Error(
      `expected ${count} pictures described, got ${summary.described} (skipped: ${JSON.stringify(summary.skipped.slice(0, 3))})`,
    );
  return {
    label: kind === 'small' ? 'small pictures (48×40, mixed formats)' : 'camera photos (4000×3000 JPEG, 12 MP)',
    pictures: count,
    averageBytes: totalBytes / count,
    perPictureMs,
    preparePerPictureMs,
  };
}
