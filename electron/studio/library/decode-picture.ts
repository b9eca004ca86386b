/**
 * The one gate every picture passes before the model, the library or an embedding model sees
 * it: read within a byte cap, its type from its contents, its size from its header (a
 * decompression bomb is refused before a pixel is decoded), then decoded once: EXIF orientation
 * applied, shrunk while decoding to the size asked for, converted to 8-bit sRGB (CMYK and 16-bit
 * included) with three channels, as the original processors' `Image.open(...).convert('RGB')`
 * hands pictures to their towers (alpha dropped, not composited). A file that fails any step is
 * refused with a typed reason, never a crash.
 */
import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo, type ResizeOptions, type Sharp } from 'sharp';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits';
import { LibraryError } from './library-error';
import { readPictureBytes, type ImageSource } from './read-picture-bytes';
import { pictureFormatOf, type PictureFormat } from './picture-format';

export type { ImageSource } from './read-picture-bytes';

/** How large the decoded pixels may be; a picture already within it keeps its own pixels. */
export type PictureBound = { longestSide: number } | { shortestSide: number };

/** What is known of a picture before its pixels are decoded. */
export interface PictureFacts {
  /** SHA-256 (hex) of the file's bytes as given: the same file always has the same hash. */
  sha256: string;
  byteSize: number;
  format: PictureFormat;
  /** The size of the original as it is meant to be seen (EXIF orientation applied). */
  originalWidth: number;
  originalHeight: number;
}

export interface DecodedPicture extends PictureFacts {
  /** Upright 8-bit sRGB, three channels (R, G, B), rows top to bottom, no padding. */
  pixels: Buffer;
  width: number;
  height: number;
  channels: 3;
}

/**
 * Decodes any supported picture to upright 8-bit sRGB pixels, no larger than `bound` (by default
 * the limits' working size). For the library's embedding model, ask for `{ shortestSide: n }`:
 * JPEGs are then shrunk while decoding, which is most of the cost of a camera photo.
 */
export async function decodePicture(
  source: ImageSource,
  bound?: PictureBound,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<DecodedPicture> {
  const { facts, pipeline, where } = await openPicture(source, bound ?? { longestSide: limits.longestSide }, limits);
  const { data, info } = await decodeOrExplain(pipeline.raw({ depth: 'uchar' }), limits, where);
  return { ...facts, pixels: data, width: info.width, height: info.height, channels: 3 };
}

/**
 * The checks, and the decoding pipeline still to run: `decodePicture` ends it in raw pixels,
 * `prepareImage` in a PNG. Either way the picture is decoded once.
 */
export async function openPicture(
  source: ImageSource,
  bound: PictureBound,
  limits: ImageLimits,
): Promise<{ facts: PictureFacts; pipeline: Sharp; where: string }> {
  const where = 'path' in source ? `: ${source.path}` : '';
  const bytes = await readPictureBytes(source, limits.maxBytes);
  const format = pictureFormatOf(bytes);
  if (!format) throw new LibraryError('not-an-image', `This is not a PNG, JPEG, WebP or GIF picture${where}`);

  let header: Metadata;
  try {
    // The header alone is safe to read at any size; the limit guards the decode below.
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw damaged(error, where);
  }
  if (header.format !== format)
    throw new LibraryError(
      'not-an-image',
      `The picture's contents do not match its type${where}`,
      `sniffed ${format}, decoder saw ${header.format}`,
    );
  const { width: originalWidth, height: originalHeight } = header.autoOrient;
  if (originalWidth * originalHeight > limits.maxPixels) throw tooManyPixels(originalWidth, originalHeight, limits, where);

  const pipeline = sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'truncated' })
    .autoOrient()
    .resize(resizeFor(bound))
    .removeAlpha()
    .toColourspace('srgb');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { facts: { sha256, byteSize: bytes.length, format, originalWidth, originalHeight }, pipeline, where };
}

/** Runs the pipeline; a failure names what was wrong with the picture. */
export async function decodeOrExplain(pipeline: Sharp, limits: ImageLimits, where: string): Promise<{ data: Buffer; info: OutputInfo }> {
  try {
    return await pipeline.toBuffer({ resolveWithObject: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message))
      throw new LibraryError(
        'image-too-large',
        `The picture has too many pixels (the limit is ${megapixels(limits.maxPixels)})${where}`,
        message,
      );
    throw damaged(error, where);
  }
}

function resizeFor(bound: PictureBound): ResizeOptions {
  const side = 'longestSide' in bound ? bound.longestSide : bound.shortestSide;
  return { width: side, height: side, fit: 'longestSide' in bound ? 'inside' : 'outside', withoutEnlargement: true };
}

function damaged(error: unknown, where: string): LibraryError {
  const message = error instanceof Error ? error.message : String(error);
  return new LibraryError('image-broken', `The picture is damaged or incomplete${where}`, message);
}

function tooManyPixels(width: number, height: number, limits: ImageLimits, where: string): LibraryError {
  return new LibraryError(
    'image-too-large',
    `The picture is too large (${width} × ${height} pixels; the limit is ${megapixels(limits.maxPixels)})${where}`,
  );
}

const megapixels = (pixels: number): string => `${(pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0)} megapixels`;
