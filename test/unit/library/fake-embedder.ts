/**
 * An image-embedding model without a model, for tests of the library's logic: pictures are
 * really decoded (so broken files are refused as the real one refuses them), and a picture's
 * vector comes from its caption in a table (by content hash), a text's from its words, with a
 * few synonyms sharing a direction, so "ocean" is near "sea" in meaning without sharing a word.
 * It records the files it embedded. The real model runs in the tests under test/integration/library.
 */
import { createHash } from 'node:crypto';
import { decodeForEmbedding } from '../../../electron/studio/library/decode-for-embedding';
import type { PictureEmbedding } from '../../../electron/studio/library/index-folder';
import { isImageSkip } from '../../../electron/studio/library/library-error';
import type { PictureOutcome, TextEmbedder } from '../../../electron/studio/library/picture-embedder';
import { CLIP_IMAGE_MEAN, CLIP_IMAGE_STD } from '../../../native-models/clip/clip-model-files';

const SYNONYMS: Record<string, string> = { ocean: 'sea', waves: 'sea', puppy: 'dog', hound: 'dog', kitten: 'cat', automobile: 'car' };
const DIMENSIONS = 64;

export interface FakeEmbedder extends PictureEmbedding, TextEmbedder {
  embeddedFiles: string[];
}

export function fakeEmbedder(
  options: { captions?: Map<string, string>; id?: string; dimensions?: number; matchFloor?: number | null } = {},
): FakeEmbedder {
  const dimensions = options.dimensions ?? DIMENSIONS;
  const embedder: FakeEmbedder = {
    description: {
      id: options.id ?? 'fake-model',
      name: 'fake',
      imageSize: 8,
      imageMean: CLIP_IMAGE_MEAN,
      imageStd: CLIP_IMAGE_STD,
      dimensions,
      contextLength: 77,
      matchFloor: options.matchFloor ?? null,
    },
    embeddedFiles: [],
    async embedFiles(paths, limits) {
      const outcomes = await Promise.all(
        paths.map(async (file): Promise<PictureOutcome> => {
          try {
            const { rgb: _rgb, ...facts } = await decodeForEmbedding(file, 8, limits);
            embedder.embeddedFiles.push(file);
            const caption = options.captions?.get(facts.sha256) ?? `a picture ${facts.width} by ${facts.height}`;
            return { ok: true, ...facts, vector: Float32Array.from(wordEmbedding(caption, dimensions)) };
          } catch (error) {
            if (!isImageSkip(error)) throw error;
            return { ok: false, reason: error.code, message: error.message };
          }
        }),
      );
      return { outcomes, decodeMs: 0, embedMs: 0 };
    },
    async embedTexts(texts) {
      return texts.map((text) => Float32Array.from(wordEmbedding(text, dimensions)));
    },
  };
  return embedder;
}

function wordEmbedding(text: string, dimensions = DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const raw of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const word = SYNONYMS[raw] ?? raw;
    const slot = createHash('sha256').update(word).digest().readUInt32BE(0) % dimensions;
    vector[slot] = (vector[slot] as number) + 1;
  }
  const length = Math.hypot(...vector) || 1;
  return vector.map((value) => value / length);
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
