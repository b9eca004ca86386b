/**
 * The image-embedding model through the real onnxruntime, in its worker thread, on the tiny
 * generated CLIP (ViT-B/32's operators and input/output names, random weights): pictures of
 * every kind decoded and embedded in batches, texts of different lengths batched with padding,
 * refusals with their reasons, and the worker's end.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PictureEmbedder } from '../../../electron/studio/library/picture-embedder';
import { NOT_A_PICTURE, colourPicture, truncatedJpeg } from '../../fixtures/images';
import { TINY_CLIP_ID } from '../../fixtures/tiny-models';
import { TINY_CLIP } from '../../helpers/fixture-paths';

let embedder: PictureEmbedder;
let dir: string;
const file = (name: string) => path.join(dir, name);

const norm = (vector: Float32Array) => Math.hypot(...vector);
const maxDifference = (a: Float32Array, b: Float32Array) => Math.max(...a.map((value, index) => Math.abs(value - (b[index] as number))));

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-embedder-'));
  writeFileSync(file('a.png'), await colourPicture(1, 'png'));
  writeFileSync(file('b.jpg'), await colourPicture(2, 'jpeg'));
  writeFileSync(file('c.webp'), await colourPicture(3, 'webp'));
  writeFileSync(file('broken.jpg'), await truncatedJpeg());
  writeFileSync(file('notes.png'), NOT_A_PICTURE);
  // A phone's photo: 4032 × 3024.
  await sharp({ create: { width: 4032, height: 3024, channels: 3, background: { r: 40, g: 90, b: 160 } } })
    .jpeg({ quality: 85 })
    .toFile(file('phone.jpg'));
  embedder = await PictureEmbedder.start(TINY_CLIP, { threads: 1 });
});
afterAll(() => embedder.close());

describe('PictureEmbedder on the tiny CLIP', () => {
  it('says which model it is, from clip-model.json', () => {
    expect(embedder.description).toMatchObject({ id: TINY_CLIP_ID, dimensions: 16, imageSize: 224, contextLength: 77 });
  });

  it('embeds a batch of pictures to unit vectors, each as it would be alone, with the facts of each file', async () => {
    const batch = await embedder.embedFiles([file('a.png'), file('b.jpg'), file('c.webp'), file('phone.jpg')]);
    expect(batch.outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true, true]);
    const vectors = batch.outcomes.map((outcome) => (outcome.ok ? outcome.vector : new Float32Array()));
    for (const vector of vectors) {
      expect(vector).toHaveLength(16);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
    expect(batch.outcomes[3]).toMatchObject({ format: 'jpeg', width: 4032, height: 3024 });
    expect(batch.outcomes[0]).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const alone = await embedder.embedFiles([file('b.jpg')]);
    expect(alone.outcomes[0]?.ok && maxDifference(alone.outcomes[0].vector, vectors[1] as Float32Array)).toBeLessThan(1e-5);
    // Different pictures, different vectors.
    expect(maxDifference(vectors[0] as Float32Array, vectors[1] as Float32Array)).toBeGreaterThan(1e-3);
  });

  it('refuses a damaged file and one that is no picture with their reasons, and embeds the rest of the batch', async () => {
    const batch = await embedder.embedFiles([file('broken.jpg'), file('a.png'), file('notes.png'), file('missing.png')]);
    expect(batch.outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.reason))).toEqual([
      'image-broken',
      'ok',
      'not-an-image',
      'image-unreadable',
    ]);
  });

  it('embeds texts of different lengths in one batch as it embeds each alone (padding never leaks in)', async () => {
    const texts = ['boats', 'the harbour at dawn with small fishing boats and a lighthouse', '港口的船'];
    const together = await embedder.embedTexts(texts);
    for (const [index, text] of texts.entries()) {
      const [alone] = await embedder.embedTexts([text]);
      expect(norm(together[index] as Float32Array)).toBeCloseTo(1, 5);
      expect(maxDifference(alone as Float32Array, together[index] as Float32Array)).toBeLessThan(1e-5);
    }
    expect(maxDifference(together[0] as Float32Array, together[1] as Float32Array)).toBeGreaterThan(1e-3);
  });

  it('cuts a text longer than the tower reads, keeping its end mark', async () => {
    const long = 'boat '.repeat(200);
    const [vector] = await embedder.embedTexts([long]);
    expect(norm(vector as Float32Array)).toBeCloseTo(1, 5);
  });

  it('refuses a folder that is not a model, with a message a writer can act on', async () => {
    await expect(PictureEmbedder.start(dir, { threads: 1 })).rejects.toMatchObject({ code: 'embedding-model-unusable' });
  });

  it('ends its worker on close, and refuses work after', async () => {
    const other = await PictureEmbedder.start(TINY_CLIP, { threads: 1 });
    await other.close();
    await expect(other.embedTexts(['boats'])).rejects.toMatchObject({ code: 'embedding-model-unusable' });
  });
});
