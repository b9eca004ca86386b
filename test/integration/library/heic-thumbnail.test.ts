/**
 * A HEIC's own thumbnail stands in for its picture where the library wants only 224 pixels (issue
 * 22): phones store a ~320 × 240 thumbnail beside the 12 to 48-MP picture, and decoding it is a
 * few thousandths of the work. HEICs made in the test by libheif's heif-enc (with `-t` for a
 * thumbnail), from a photo-like ImageMagick plasma; embedded through the real onnxruntime by the
 * tiny CLIP. Before, every HEIC was decoded at full size whatever size was asked for.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePicture } from '../../../electron/studio/library/decode-picture';
import { decodeHeic } from '../../../electron/studio/library/heic/decode-heic';
import { PictureEmbedder } from '../../../electron/studio/library/picture-embedder';
import { pixelDifference } from '../../fixtures/camera-pictures';
import { TINY_CLIP } from '../../helpers/fixture-paths';

let dir = '';
const file = (name: string) => path.join(dir, name);
const EMBEDDING = { shortestSide: 224 } as const;

/** A 1280 × 960 photo-like picture: ImageMagick's plasma, seeded. */
function plasma(name: string, seed: number): string {
  const png = file(`${name}.png`);
  execFileSync('/usr/bin/convert', ['-seed', String(seed), '-size', '1280x960', 'plasma:fractal', '-blur', '0x1', png]);
  return png;
}

/** `png` encoded as `name`.heic by heif-enc; `thumbnail`: its -t size (none without). */
function heic(png: string, name: string, thumbnail?: number): void {
  const thumbnailOption = thumbnail ? ['-t', String(thumbnail)] : [];
  execFileSync('heif-enc', ['-q', '85', '-p', 'preset=ultrafast', ...thumbnailOption, png, '-o', file(`${name}.heic`)], {
    stdio: 'ignore',
  });
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, index) => sum + value * (b[index] as number), 0);

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-heic-thumbnail-'));
  const picture = plasma('picture', 7);
  heic(picture, 'with-thumbnail', 320);
  // The same picture without a thumbnail, and with one too small for the embedding model.
  heic(picture, 'plain');
  heic(picture, 'small-thumbnail', 128);
  heic(plasma('other', 8), 'other', 320);
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a HEIC's thumbnail for the embedding model", () => {
  it('decodes the thumbnail when it covers the bound, the picture itself otherwise', () => {
    const bytes = (name: string) => readFileSync(file(name));
    const thumbnail = decodeHeic(bytes('with-thumbnail.heic'), EMBEDDING);
    expect(thumbnail).toMatchObject({ from: 'thumbnail', width: 1280, height: 960 });
    expect([thumbnail.decoded.width, thumbnail.decoded.height]).toEqual([320, 240]);
    // The model's working size (2048) and no bound at all need the picture itself.
    expect(decodeHeic(bytes('with-thumbnail.heic'), { longestSide: 2048 }).from).toBe('primary');
    expect(decodeHeic(bytes('with-thumbnail.heic')).decoded.width).toBe(1280);
    // A 128 × 96 thumbnail would have to be enlarged to 224: the picture is decoded.
    const small = decodeHeic(bytes('small-thumbnail.heic'), EMBEDDING);
    expect(small.from).toBe('primary');
    expect(small.decoded.width).toBe(1280);
    expect(decodeHeic(bytes('plain.heic'), EMBEDDING).from).toBe('primary');
  });

  it('gives the gate the size of the picture and pixels close to those of the picture decoded whole', async () => {
    const fromThumbnail = await decodePicture({ path: file('with-thumbnail.heic') }, EMBEDDING);
    const fromPicture = await decodePicture({ path: file('plain.heic') }, EMBEDDING);
    expect(fromThumbnail).toMatchObject({ width: 299, height: 224, originalWidth: 1280, originalHeight: 960, format: 'heic' });
    expect([fromPicture.width, fromPicture.height]).toEqual([299, 224]);
    const difference = pixelDifference(fromThumbnail.pixels, fromPicture.pixels);
    // Two encodings and two resizes of the same picture; another picture differs by tens of levels.
    expect(difference.mean).toBeLessThan(3);
    const other = await decodePicture({ path: file('other.heic') }, EMBEDDING);
    expect(pixelDifference(other.pixels, fromPicture.pixels).mean).toBeGreaterThan(10);
  });

  it('embeds the thumbnail as the picture itself (cosine), through the real onnxruntime', { timeout: 120_000 }, async () => {
    const embedder = await PictureEmbedder.start(TINY_CLIP, { threads: 1 });
    try {
      const batch = await embedder.embedFiles([file('with-thumbnail.heic'), file('plain.heic'), file('other.heic')]);
      const [thumbnail, picture, other] = batch.outcomes.map((outcome) => {
        if (!outcome.ok) throw new Error(outcome.message);
        return outcome.vector;
      }) as [Float32Array, Float32Array, Float32Array];
      const same = cosine(thumbnail, picture);
      expect(same).toBeGreaterThan(0.999);
      // The random tiny model puts every picture close together: another picture is measured
      // against the same scale (here 6e-9 against 5e-6; ViT-B/32's size, random: 9e-5 against 1e-2).
      expect(1 - same).toBeLessThan((1 - cosine(other, picture)) / 20);
    } finally {
      await embedder.close();
    }
  });
});
