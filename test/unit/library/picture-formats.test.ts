/**
 * Every picture a camera or phone writes, through the one gate (decodePicture, prepareImage), from
 * files made in the test by the real tools, each compared with an independent decoder
 * (ImageMagick, or the source the file was made from where the format is lossy).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePicture } from '../../../electron/studio/library/decode-picture';
import { LibraryError } from '../../../electron/studio/library/library-error';
import { prepareImage } from '../../../electron/studio/library/prepare-image';
import { pictureForDisplay } from '../../../electron/studio/library/picture-for-display';
import { pictureTypeOf } from '../../../native-models/images/picture-types';
import { cameraPicture, imageMagickPixels, pixelDifference, scenePng } from '../../fixtures/camera-pictures';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-formats-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sourcePixels(seed = 0): Promise<Buffer> {
  return sharp(await scenePng(seed))
    .removeAlpha()
    .raw()
    .toBuffer();
}

describe('every camera format through the gate', () => {
  it.each([
    // Lossless formats: exactly ImageMagick's decode of the same file.
    { format: 'tiff', limit: { mean: 0, max: 0 } },
    { format: 'bmp', limit: { mean: 0, max: 0 } },
    { format: 'png', limit: { mean: 0, max: 0 } },
    // HEIC: as libheif's own heif-convert (native libde265) decodes it.
    { format: 'heic', limit: { mean: 0.5, max: 8 } },
    // Lossy ones: within their loss of the picture they were made from.
    { format: 'avif', limit: { mean: 2.5, max: 60 } },
    { format: 'jpeg', limit: { mean: 2.5, max: 60 } },
  ] as const)('decodes $format, recognised by its contents, to upright 8-bit sRGB', async ({ format, limit }) => {
    const file = await cameraPicture(dir, format, 3);
    // Named wrongly on purpose: the contents decide.
    const misnamed = `${file}.picture`;
    writeFileSync(misnamed, readFileSync(file));
    const decoded = await decodePicture({ path: misnamed });
    expect(decoded).toMatchObject({ format, width: 96, height: 64, channels: 3, originalWidth: 96, originalHeight: 64 });
    const reference = format === 'heic' ? await heifConvertPixels(file) : limit.max === 0 ? imageMagickPixels(file) : await sourcePixels(3);
    const difference = pixelDifference(decoded.pixels, reference);
    expect(difference.mean).toBeLessThanOrEqual(limit.mean);
    expect(difference.max).toBeLessThanOrEqual(limit.max);
    const prepared = await prepareImage({ path: file });
    expect([prepared.mimeType, prepared.format, prepared.width, prepared.height]).toEqual(['image/png', format, 96, 64]);
    expect((await sharp(prepared.bytes).raw().toBuffer()).equals(decoded.pixels)).toBe(true);
  });

  it('renders an SVG at the size asked for, whatever size it names', async () => {
    const file = await cameraPicture(dir, 'svg');
    const decoded = await decodePicture({ path: file }, { longestSide: 480 });
    expect(decoded).toMatchObject({ format: 'svg', width: 480, height: 320, originalWidth: 96, originalHeight: 64 });
    const at = (x: number, y: number) => [...decoded.pixels.subarray((y * 480 + x) * 3, (y * 480 + x) * 3 + 3)];
    expect(at(200, 150)).toEqual([230, 170, 60]);
    expect(at(5, 5)).toEqual([110, 150, 180]);
    writeFileSync(
      path.join(dir, 'huge.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="900000" height="600000"><rect width="900000" height="600000" fill="#0a0"/></svg>',
    );
    expect(await decodePicture({ path: path.join(dir, 'huge.svg') }, { longestSide: 300 })).toMatchObject({ width: 300, height: 200 });
  });

  it('rasterises an SVG with no external resources, no entities and no scripts', async () => {
    const red = path.join(dir, 'red.png');
    writeFileSync(
      red,
      await sharp({ create: { width: 40, height: 40, channels: 3, background: '#f00' } })
        .png()
        .toBuffer(),
    );
    const hostile = {
      'file URL': `<image href="file://${red}" width="40" height="40"/>`,
      'absolute path': `<image xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="${red}" width="40" height="40"/>`,
      'relative path': `<image href="red.png" width="40" height="40"/>`,
      'web address': '<image href="http://127.0.0.1:9/red.png" width="40" height="40"/>',
      'XInclude of a file': `<text y="20" font-size="20" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="${red}" parse="text"/></text>`,
      script: '<script>document.documentElement.setAttribute("fill", "red")</script>',
    };
    for (const [name, body] of Object.entries(hostile)) {
      const file = path.join(dir, `hostile-${name.replace(/ /g, '-')}.svg`);
      writeFileSync(
        file,
        `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#fff"/>${body}</svg>`,
      );
      const decoded = await decodePicture({ path: file }, { longestSide: 40 });
      const white = decoded.pixels.every((value) => value === 255);
      expect(white, name).toBe(true);
    }
    const entity = path.join(dir, 'entity.svg');
    writeFileSync(
      entity,
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file://${red}">]><svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><text>&x;</text></svg>`,
    );
    await expect(decodePicture({ path: entity })).rejects.toMatchObject({ code: 'image-broken' });
  });

  it('converts a CMYK JPEG with its profile to sRGB as colour management does (ImageMagick with lcms)', async () => {
    const cmyk = path.join(dir, 'cmyk.jpg');
    writeFileSync(
      cmyk,
      await sharp(await scenePng(5))
        .withIccProfile('cmyk')
        .jpeg({ quality: 98 })
        .toBuffer(),
    );
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const srgbProfile = path.join(dir, 'srgb.icc');
    writeFileSync(
      srgbProfile,
      (
        await sharp(
          await sharp(await scenePng())
            .withIccProfile('srgb')
            .png()
            .toBuffer(),
        ).metadata()
      ).icc as Buffer,
    );
    const reference = execFileSync('/usr/bin/convert', [cmyk, '-intent', 'Perceptual', '-profile', srgbProfile, '-depth', '8', 'rgb:-']);
    const decoded = await decodePicture({ path: cmyk });
    expect(decoded.channels).toBe(3);
    expect(pixelDifference(decoded.pixels, reference).mean).toBeLessThan(3);
    // Read as if it were RGB, the same file is far off: the conversion is what makes it right.
    expect(pixelDifference(decoded.pixels, imageMagickPixels(cmyk)).mean).toBeGreaterThan(pixelDifference(decoded.pixels, reference).mean);
  });

  it('turns 16-bit TIFF and PNG into 8-bit, as ImageMagick does', async () => {
    const source = path.join(dir, 'deep-source.png');
    writeFileSync(source, await scenePng(7));
    for (const [name, prefix] of [
      ['deep.tiff', ''],
      ['deep.png', 'PNG48:'],
    ]) {
      const file = path.join(dir, name as string);
      execFileSync('/usr/bin/convert', [source, '-depth', '16', `${prefix}${file}`]);
      expect((await sharp(file).metadata()).depth).toBe('ushort');
      const decoded = await decodePicture({ path: file });
      expect(pixelDifference(decoded.pixels, imageMagickPixels(file)).max).toBeLessThanOrEqual(1);
    }
  });

  it('converts an iPhone-style HEIC in Display P3 to sRGB through its profile', async () => {
    // A P3-tagged picture: sharp reads it to sRGB through the profile; heif-enc keeps the profile.
    const p3 = path.join(dir, 'p3.png');
    writeFileSync(
      p3,
      await sharp(await scenePng(9))
        .withIccProfile('p3')
        .png()
        .toBuffer(),
    );
    const heic = path.join(dir, 'p3.heic');
    execFileSync('heif-enc', ['-q', '95', p3, '-o', heic], { stdio: 'ignore' });
    const reference = await sharp(p3).removeAlpha().toColourspace('srgb').raw().toBuffer();
    const stored = await sharp(p3).removeAlpha().keepIccProfile().raw().toBuffer();
    const decoded = await decodePicture({ path: heic });
    const converted = pixelDifference(decoded.pixels, reference).mean;
    expect(converted).toBeLessThan(2.5);
    // The P3 numbers themselves, taken for sRGB, are further off than the HEVC loss.
    expect(pixelDifference(decoded.pixels, stored).mean).toBeGreaterThan(converted + 1);
  });

  it('applies EXIF orientation to a JPEG and a TIFF', async () => {
    const wide = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#888' } })
      .composite([{ input: { create: { width: 8, height: 8, channels: 3, background: '#f00' } }, left: 0, top: 0 }])
      .png()
      .toBuffer();
    for (const [name, encoded] of [
      ['rotated.jpg', await sharp(wide).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer()],
      ['rotated.tiff', await sharp(wide).tiff().withMetadata({ orientation: 6 }).toBuffer()],
    ] as const) {
      writeFileSync(path.join(dir, name), encoded);
      const decoded = await decodePicture({ path: path.join(dir, name) });
      expect([decoded.width, decoded.height], name).toEqual([32, 64]);
      // The red corner, top left when stored, is top right once turned a quarter clockwise.
      const topRight = [...decoded.pixels.subarray((2 * 32 + 29) * 3, (2 * 32 + 29) * 3 + 3)];
      expect(topRight[0], name).toBeGreaterThan(200);
    }
  });

  it('names a file that is not a picture, and a damaged one, with the reason', async () => {
    const notes = path.join(dir, 'notes.heic');
    writeFileSync(notes, 'These are notes with a picture name.\n');
    expect(await refusal(decodePicture({ path: notes }))).toMatchObject({
      code: 'not-an-image',
      message: expect.stringMatching(/^This is not a picture: Folio reads JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF, BMP and SVG: /),
    });
    for (const format of ['heic', 'bmp', 'tiff', 'avif'] as const) {
      const whole = readFileSync(await cameraPicture(dir, format, 11, `cut-${format}`));
      const cut = path.join(dir, `cut.${format}`);
      writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
      expect(await refusal(decodePicture({ path: cut })), format).toMatchObject({
        code: 'image-broken',
        message: expect.stringMatching(/damaged or incomplete/),
      });
    }
  });

  it('shows HEIC, TIFF and SVG as a JPEG or PNG copy every viewer takes, and JPEG as it is', async () => {
    for (const format of ['heic', 'tiff', 'svg', 'bmp'] as const) {
      const bytes = readFileSync(await cameraPicture(dir, format, 12, `shown-${format}`));
      const shown = await pictureForDisplay({ bytes, mimeType: pictureTypeOf(bytes)?.mimeType ?? '' });
      expect(['image/jpeg', 'image/png'], format).toContain(shown.mimeType);
      // Vector art is drawn at the display size; the others keep theirs.
      expect((await sharp(shown.bytes).metadata()).width, format).toBe(format === 'svg' ? 4096 : 96);
    }
    const jpeg = readFileSync(await cameraPicture(dir, 'jpeg', 12, 'shown-jpeg'));
    expect((await pictureForDisplay({ bytes: jpeg, mimeType: 'image/jpeg' })).bytes).toBe(jpeg);
  });
});

/** libheif's own decoder (heif-convert, native libde265), to PNG, as 8-bit RGB. */
async function heifConvertPixels(file: string): Promise<Buffer> {
  const png = `${file}.heif-convert.png`;
  execFileSync('heif-convert', [file, png], { stdio: 'ignore' });
  return sharp(png).removeAlpha().raw().toBuffer();
}

async function refusal(promise: Promise<unknown>): Promise<LibraryError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LibraryError);
  return error as LibraryError;
}
