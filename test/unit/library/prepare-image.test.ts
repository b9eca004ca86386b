import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { LibraryError } from '../../../electron/studio/library/library-error';
import { decodePicture } from '../../../electron/studio/library/decode-picture';
import { prepareImage } from '../../../electron/studio/library/prepare-image';
import { DEFAULT_IMAGE_LIMITS } from '../../../electron/studio/library/image-limits';
import { brokenPictures, colourPicture, sidewaysPhoto } from '../../fixtures/images';
import { sha256 } from './fake-embedder';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-prepare-'));
});

async function refusal(promise: Promise<unknown>): Promise<LibraryError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LibraryError);
  return error as LibraryError;
}

describe('prepareImage', () => {
  it('refuses each broken kind of file with its reason, from a path and from bytes', async () => {
    for (const broken of await brokenPictures()) {
      const file = path.join(dir, broken.name);
      writeFileSync(file, broken.bytes);
      const fromPath = await refusal(prepareImage({ path: file }));
      expect(fromPath.code, broken.name).toBe(broken.reason);
      expect(fromPath.message).toContain(file);
      expect((await refusal(prepareImage({ bytes: broken.bytes }))).code, broken.name).toBe(broken.reason);
    }
  });

  it('refuses a missing file as unreadable', async () => {
    expect((await refusal(prepareImage({ path: path.join(dir, 'nowhere.jpg') }))).code).toBe('image-unreadable');
  });

  it('refuses a file over the byte cap before reading it', async () => {
    const bytes = await colourPicture(1, 'png', 300, 300);
    const error = await refusal(prepareImage({ bytes }, { ...DEFAULT_IMAGE_LIMITS, maxBytes: bytes.length - 1 }));
    expect(error.code).toBe('image-too-large');
    expect(error.message).toMatch(/too large/);
  });

  it('refuses more pixels than the limit even when the file is small', async () => {
    const bytes = await colourPicture(1, 'png', 300, 300);
    const error = await refusal(prepareImage({ bytes }, { ...DEFAULT_IMAGE_LIMITS, maxPixels: 300 * 300 - 1 }));
    expect(error.code).toBe('image-too-large');
    expect(error.message).toMatch(/300 × 300 pixels/);
  });

  it('turns a sideways phone photo upright and drops its metadata', async () => {
    const original = await sidewaysPhoto();
    expect((await sharp(original).metadata()).orientation).toBe(6);
    const prepared = await prepareImage({ bytes: original });
    expect([prepared.width, prepared.height]).toEqual([32, 64]);
    expect([prepared.originalWidth, prepared.originalHeight]).toEqual([32, 64]);
    const after = await sharp(prepared.bytes).metadata();
    expect([after.width, after.height]).toEqual([32, 64]);
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(prepared.bytes.includes('FolioTestCam')).toBe(false);
    expect(original.includes('FolioTestCam')).toBe(true);
  });

  it('shrinks a picture larger than the working size, keeping its shape', async () => {
    const prepared = await prepareImage({ bytes: await colourPicture(2, 'jpeg', 4000, 1000) });
    expect([prepared.width, prepared.height]).toEqual([2048, 512]);
    expect([prepared.originalWidth, prepared.originalHeight]).toEqual([4000, 1000]);
  });

  it('keeps a small picture at its size', async () => {
    const prepared = await prepareImage({ bytes: await colourPicture(2, 'webp', 40, 30) });
    expect([prepared.width, prepared.height]).toEqual([40, 30]);
  });

  it('reads every supported format, by content whatever the file is called', async () => {
    for (const format of ['png', 'jpeg', 'webp', 'gif'] as const) {
      const bytes = await colourPicture(3, format);
      const file = path.join(dir, `really-${format}.jpg`);
      writeFileSync(file, bytes);
      const prepared = await prepareImage({ path: file });
      expect(prepared.format).toBe(format);
      expect(prepared.sha256).toBe(sha256(bytes));
      expect(prepared.byteSize).toBe(bytes.length);
    }
  });

  it('hands the model the decoded pixels themselves, losslessly, as three 8-bit sRGB channels', async () => {
    // A photo-like JPEG: a lossy re-encode (the JPEG q88 this replaced) changes most of its pixels.
    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 50 } },
    })
      .blur(1)
      .jpeg({ quality: 90 })
      .toBuffer();
    const prepared = await prepareImage({ bytes: photo });
    expect(prepared.mimeType).toBe('image/png');
    const seen = await sharp(prepared.bytes).raw().toBuffer({ resolveWithObject: true });
    const decoded = await sharp(photo).raw().toBuffer();
    expect(seen.info.channels).toBe(3);
    expect(seen.data.equals(decoded)).toBe(true);
  });

  it('drops transparency as the original processors do (convert to RGB), keeping the colours underneath', async () => {
    const pixels = Buffer.from([10, 20, 30, 0, 200, 100, 50, 128, 1, 2, 3, 255, 250, 251, 252, 64]);
    const png = await sharp(pixels, { raw: { width: 2, height: 2, channels: 4 } })
      .png()
      .toBuffer();
    const prepared = await prepareImage({ bytes: png });
    const seen = await sharp(prepared.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(seen.info.channels).toBe(3);
    expect([...seen.data]).toEqual([10, 20, 30, 200, 100, 50, 1, 2, 3, 250, 251, 252]);
  });

  it('turns a 16-bit picture and a grey one into 8-bit sRGB', async () => {
    const deep = await sharp(new Uint16Array([0, 32768, 65535, 65535, 0, 0]), { raw: { width: 2, height: 1, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    const fromDeep = await decodePicture({ bytes: deep });
    expect([fromDeep.channels, fromDeep.pixels.length]).toEqual([3, 6]);
    expect([...fromDeep.pixels]).toEqual([0, 128, 255, 255, 0, 0]);
    const grey = await sharp(Buffer.from([0, 90, 255]), { raw: { width: 3, height: 1, channels: 1 } })
      .png()
      .toBuffer();
    expect([...(await decodePicture({ bytes: grey })).pixels]).toEqual([0, 0, 0, 90, 90, 90, 255, 255, 255]);
  });

  it('decodes for an embedding model to a shortest side, shrinking while decoding', async () => {
    const decoded = await decodePicture({ bytes: await colourPicture(5, 'jpeg', 1200, 900) }, { shortestSide: 224 });
    expect([decoded.width, decoded.height]).toEqual([299, 224]);
    expect(decoded.pixels.length).toBe(299 * 224 * 3);
    expect([decoded.originalWidth, decoded.originalHeight, decoded.format]).toEqual([1200, 900, 'jpeg']);
  });
});
