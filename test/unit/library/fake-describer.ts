/**
 * A describer without a model, for tests: captions come from a table (by content hash) and
 * embeddings from the caption's words, with a few synonyms sharing a direction, so "ocean"
 * is near "sea" in meaning without sharing a word. It counts its calls.
 */
import { createHash } from 'node:crypto';
import type { ImageDescriber } from '../../../electron/studio/library/image-describer';
import type { PreparedImage } from '../../../electron/studio/library/prepare-image';

const SYNONYMS: Record<string, string> = { ocean: 'sea', waves: 'sea', puppy: 'dog', hound: 'dog', kitten: 'cat', automobile: 'car' };
const DIMENSIONS = 64;

export interface FakeDescriber extends ImageDescriber {
  captionCalls: string[];
  embedCalls: string[];
}

export function fakeDescriber(options: { captions?: Map<string, string>; model?: string; dimensions?: number } = {}): FakeDescriber {
  const dimensions = options.dimensions ?? DIMENSIONS;
  const describer: FakeDescriber = {
    model: options.model ?? 'fake-model',
    captionCalls: [],
    embedCalls: [],
    async caption(image: PreparedImage) {
      describer.captionCalls.push(image.sha256);
      return options.captions?.get(image.sha256) ?? `a picture ${image.width} by ${image.height}`;
    },
    async embed(text: string) {
      describer.embedCalls.push(text);
      return wordEmbedding(text, dimensions);
    },
  };
  return describer;
}

export function wordEmbedding(text: string, dimensions = DIMENSIONS): number[] {
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
