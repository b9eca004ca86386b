/**
 * A library made by the Folio before picture embeddings (schema 1: captions written by the
 * language model and embedded by it; test/fixtures/library-schema-1.sqlite was written by that
 * code's own indexer), opened by this one: the captions stay, the language model's vectors go
 * (they are not in the picture model's space), and the next index gives every picture its
 * embedding without adding or captioning anything.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageLibrary } from '../../../electron/studio/library/image-library';
import { indexFolder } from '../../../electron/studio/library/index-folder';
import { PictureEmbedder } from '../../../electron/studio/library/picture-embedder';
import { searchLibrary } from '../../../electron/studio/library/search-library';
import { writePictureFolder } from '../../fixtures/images';
import { TINY_CLIP_ID } from '../../fixtures/tiny-models';
import { TINY_CLIP } from '../../helpers/fixture-paths';

/** Where the fixture's pictures were when it was made. */
const MADE_IN = '/tmp/folio-schema-1';
let root: string;
let embedder: PictureEmbedder;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'folio-migration-'));
  // The same six pictures (same seeds, same bytes) where this test can write them.
  await writePictureFolder(path.join(root, 'pictures'), 6);
  copyFileSync(path.resolve('test/fixtures/library-schema-1.sqlite'), path.join(root, 'library.sqlite'));
  const raw = new Database(path.join(root, 'library.sqlite'));
  expect(raw.prepare('SELECT version FROM schema_version').get()).toEqual({ version: 1 });
  raw.prepare('UPDATE images SET path = replace(path, ?, ?)').run(MADE_IN, root);
  raw.prepare('UPDATE files SET path = replace(path, ?, ?)').run(MADE_IN, root);
  raw.close();
  embedder = await PictureEmbedder.start(TINY_CLIP, { threads: 1 });
});
afterAll(() => embedder.close());

describe('a library from before picture embeddings', () => {
  it('keeps its captions, drops the language model’s vectors, and gets picture embeddings at the next index', async () => {
    const library = ImageLibrary.open(path.join(root, 'library.sqlite'));
    try {
      expect(library.imageCount()).toBe(6);
      expect(library.embeddingModel()).toBeNull();
      expect(library.uncaptionedCount()).toBe(0);
      expect((await searchLibrary(library, 'lighthouse')).map((match) => path.basename(match.path))).toEqual(['picture-3.gif']);

      const pictures = path.join(root, 'pictures');
      const summary = await indexFolder(library, pictures, { embedder });
      expect(summary).toMatchObject({ added: 0, embedded: 6, unchanged: 0, removed: 0, duplicates: [], skipped: [] });
      expect(library.embeddingModel()).toEqual({ model: TINY_CLIP_ID, dimensions: 16 });
      expect(library.imageById(1)?.caption).toBe('harbour boats at dawn');
      expect(library.similarImages((await embedder.embedTexts(['boats']))[0] as Float32Array, 10, new Set())).toHaveLength(6);
      expect(library.folders()).toMatchObject([{ path: pictures, pictures: 6 }]);
      const [lighthouse] = await searchLibrary(library, 'lighthouse', { embedder });
      expect(lighthouse?.matchedBy).toContain('words');
      expect(path.basename(lighthouse?.path ?? '')).toBe('picture-3.gif');

      expect(await indexFolder(library, pictures, { embedder })).toMatchObject({ unchanged: 6, embedded: 0, added: 0 });
    } finally {
      library.close();
    }
  });
});
