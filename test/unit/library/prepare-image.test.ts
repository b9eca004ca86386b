import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { LibraryError } from '../../../electron/studio/library/library-error';
import { prepareImage } from '../../../electron/studio/library/prepare-image';
import { DEFAULT_IMAGE_LIMITS } from '../../../electron/studio/library/image-limits';
import { brokenPictures, colourPicture, sidewaysPhoto } from '../../fixtures/images';
import { sha256 } from './fake-describer';

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

  it('shrinks a large picture to the longest side, keeping its shape', async () => {
    const prepared = await prepareImage({ bytes: await colourPicture(2, 'jpeg', 2000, 500) });
    expect([prepared.width, prepared.height]).toEqual([1024, 256]);
    expect([prepared.originalWidth, prepared.originalHeight]).toEqual([2000, 500]);
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

  it('gives the model JPEG for opaque pictures and PNG where transparency must survive', async () => {
    const opaque = await prepareImage({ bytes: await colourPicture(4, 'png') });
    expect(opaque.mimeType).toBe('image/jpeg');
    expect((await sharp(opaque.bytes).metadata()).format).toBe('jpeg');
    const see = await sharp({ create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const transparent = await prepareImage({ bytes: see });
    expect(transparent.mimeType).toBe('image/png');
    expect((await sharp(transparent.bytes).metadata()).hasAlpha).toBe(true);
  });
});
