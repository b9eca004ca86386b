/**
 * Which image-embedding model the library uses: the catalog's (CLIP ViT-B/32, `folio models pull
 * clip-vit-b-32`) once it is in the models folder, else the demo's tiny one (random weights:
 * indexing and search work, their results mean nothing, and the studio says so).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CLIP_FILES } from '../../../native-models/clip/clip-model-files';

export const CATALOG_EMBEDDING_MODEL = 'clip-vit-b-32';

export interface EmbeddingModelChoice {
  dir: string;
  /** The demo's random model, not a downloaded one. */
  demo: boolean;
}

export async function findEmbeddingModel(modelsDir: string, demoDir: () => Promise<string>): Promise<EmbeddingModelChoice> {
  const downloaded = path.join(modelsDir, CATALOG_EMBEDDING_MODEL);
  if (await isComplete(downloaded)) return { dir: downloaded, demo: false };
  return { dir: await demoDir(), demo: true };
}

export async function isComplete(dir: string): Promise<boolean> {
  for (const name of Object.values(CLIP_FILES)) {
    const info = await stat(path.join(dir, name)).catch(() => null);
    if (!info?.isFile()) return false;
  }
  return true;
}
