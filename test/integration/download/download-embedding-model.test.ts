/**
 * The catalog's image-embedding model downloaded as `folio models pull` does it, from a local
 * server holding the tiny CLIP's files: a dropped connection resumes where it stopped, the
 * folder is complete only with clip-model.json written from the entry, and the library's worker
 * loads it. The built-in catalog's entry passes the schema.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingModelEntry } from '../../../native-models/catalog/catalog-entry';
import { builtInCatalog, parseCatalog } from '../../../native-models/catalog/load-catalog';
import { CLIP_FILES, readClipDescription } from '../../../native-models/clip/clip-model-files';
import { downloadEmbeddingModel } from '../../../native-models/download/download-embedding-model';
import { isComplete } from '../../../electron/studio/library/find-embedding-model';
import { PictureEmbedder } from '../../../electron/studio/library/picture-embedder';
import { TINY_CLIP } from '../../helpers/fixture-paths';
import { startRangeServer, type RangeServer } from '../../helpers/range-server';
import { tempDir } from './download-test-kit';

const NAMES = [CLIP_FILES.vision, CLIP_FILES.text, CLIP_FILES.tokenizer, CLIP_FILES.tokenizerConfig];
let server: RangeServer;
let entry: EmbeddingModelEntry;

beforeAll(async () => {
  server = await startRangeServer(Object.fromEntries(NAMES.map((name) => [name, readFileSync(path.join(TINY_CLIP, name))])));
  const catalogEntry = builtInCatalog().embeddingModels?.[0] as EmbeddingModelEntry;
  entry = {
    ...catalogEntry,
    id: 'tiny-clip-test',
    files: NAMES.map((name) => ({ url: server.url(name), approxBytes: readFileSync(path.join(TINY_CLIP, name)).length })),
    description: { ...catalogEntry.description, dimensions: 16 },
  };
});
afterAll(() => server.close());

describe('downloading the image-embedding model', () => {
  it('is in the built-in catalog, unverified, with its published recall', () => {
    const [clip] = builtInCatalog().embeddingModels ?? [];
    expect(clip).toMatchObject({ id: 'clip-vit-b-32', verified: false, description: { dimensions: 512, imageSize: 224 } });
    expect(clip?.recall.join(' ')).toMatch(/Flickr30k/);
    expect(() => parseCatalog({ ...builtInCatalog(), embeddingModels: [{ ...clip, files: [] }] })).toThrow(/files/);
  });

  it('resumes a dropped file, writes clip-model.json last, and the library loads the result', async () => {
    const modelsDir = tempDir();
    server.dropNextAfter(CLIP_FILES.vision, 100_000);
    await expect(downloadEmbeddingModel(entry, { modelsDir, retries: 0 })).rejects.toBeTruthy();
    expect(await isComplete(path.join(modelsDir, entry.id))).toBe(false);
    const sentBefore = server.bytesSent(CLIP_FILES.vision);
    const result = await downloadEmbeddingModel(entry, { modelsDir, retries: 0 });
    // Only the rest of the dropped file was fetched again.
    expect(server.bytesSent(CLIP_FILES.vision) - sentBefore).toBe(readFileSync(path.join(TINY_CLIP, CLIP_FILES.vision)).length - 100_000);
    expect(await isComplete(result.dir)).toBe(true);
    expect(await readClipDescription(result.dir)).toMatchObject({ id: 'tiny-clip-test', dimensions: 16, matchFloor: 0.2 });
    expect((await downloadEmbeddingModel(entry, { modelsDir })).alreadyPresent).toBe(true);
    const embedder = await PictureEmbedder.start(result.dir, { threads: 1 });
    try {
      expect((await embedder.embedTexts(['boats']))[0]).toHaveLength(16);
    } finally {
      await embedder.close();
    }
  });
});
