/**
 * The one gate every picture passes before the model, the library, an embedding model or a
 * preview sees it: read within a byte cap through the one reader of outside files, its type from
 * its contents (the one table, native-models/images/picture-types.ts), its size from its header
 * (a decompression bomb is refused before a pixel is decoded), then decoded once: EXIF
 * orientation applied, shrunk while decoding to the size asked for (a 200-MP JPEG is decoded at
 * an eighth of its size), converted to 8-bit sRGB (CMYK, 16-bit and colour profiles included)
 * with three channels, as the original processors' `Image.open(...).convert('RGB')` hands
 * pictures to their towers (alpha dropped, not composited; previews keep it). A file that fails
 * any step is refused with a typed reason, never a crash.
 */
import { createHash } from 'node:crypto';
import sharp, { type OutputInfo, type ResizeOptions, type Sharp, type SharpOptions } from 'sharp';
import { PICTURE_TYPES_READ, pictureTypeOf, type PictureFormat, type PictureType } from '../../../native-models/images/picture-types';
import { bmpSize, decodeBmp } from './bmp/decode-bmp';
import { decodeHeicInWorker } from './heic/heic-in-worker';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits';
import { LibraryError } from './library-error';
import { pixelsAsInput, type DecodedPixels } from './pixels-with-profile';
import type { PictureBound } from './picture-bound';
import { readPictureBytes, type ImageSource } from './read-picture-bytes';

export type { ImageSource } from './read-picture-bytes';

export type { PictureBound } from './picture-bound';

/** What is known of a picture before its pixels are decoded. */
export interface PictureFacts {
  /** SHA-256 (hex) of the file's bytes as given: the same file always has the same hash. */
  sha256: string;
  byteSize: number;
  format: PictureFormat;
  /** The size of the original as it is meant to be seen (orientation applied; an SVG's as it names it). */
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

export interface OpenOptions {
  /** Keep transparency (previews): the pipeline then has four channels where the picture has alpha. */
  keepAlpha?: boolean;
}

/** Longer than any real picture takes (a 200-MP JPEG: seconds); an SVG that renders for ever is refused. */
const DECODE_SECONDS = 60;

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
 * `prepareImage` in a PNG, previews in WebP. Either way the picture is decoded once.
 */
export async function openPicture(
  source: ImageSource,
  bound: PictureBound,
  limits: ImageLimits,
  options: OpenOptions = {},
): Promise<{ facts: PictureFacts; pipeline: Sharp; where: string }> {
  const where = 'path' in source ? `: ${source.path}` : '';
  const bytes = await readPictureBytes(source, limits.maxBytes);
  const type = pictureTypeOf(bytes);
  if (!type) throw new LibraryError('not-an-image', `This is not a picture: Folio reads ${PICTURE_TYPES_READ}${where}`);
  const opened =
    type.decoder === 'sharp'
      ? await openWithSharp(bytes, type, bound, limits, where)
      : await openDecoded(bytes, type, bound, limits, where);
  const { width: originalWidth, height: originalHeight } = opened;
  let pipeline = opened.pipeline.resize(resizeFor(bound));
  if (!options.keepAlpha) pipeline = pipeline.removeAlpha();
  pipeline = pipeline.toColourspace('srgb').timeout({ seconds: DECODE_SECONDS });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { facts: { sha256, byteSize: bytes.length, format: type.format, originalWidth, originalHeight }, pipeline, where };
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
    if (/timeout/i.test(message))
      throw new LibraryError('image-broken', `The picture took longer than ${DECODE_SECONDS} s to decode${where}`, message);
    throw damaged(error, where);
  }
}

interface Opened {
  pipeline: Sharp;
  width: number;
  height: number;
}

/** The formats libvips decodes itself; a HEIF container with AV1 inside is one of them. */
const SHARP_FORMATS: Partial<Record<PictureFormat, string>> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'heif',
  tiff: 'tiff',
  svg: 'svg',
};

async function openWithSharp(bytes: Buffer, type: PictureType, bound: PictureBound, limits: ImageLimits, where: string): Promise<Opened> {
  // The header alone is safe to read at any size; the limit guards the decode below.
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => Promise.reject(damaged(error, where)));
  if (header.format !== SHARP_FORMATS[type.format])
    throw new LibraryError(
      'not-an-image',
      `The picture's contents do not match its type${where}`,
      `sniffed ${type.format}, decoder saw ${header.format}`,
    );
  const input: SharpOptions = { limitInputPixels: limits.maxPixels, failOn: 'truncated' };
  if (type.format === 'svg') {
    // Vector art is rendered at the size asked for, whatever size it names: never refused for it.
    const { width, height } = header;
    const side = 'longestSide' in bound ? Math.max(width, height) : Math.min(width, height);
    const target = 'longestSide' in bound ? bound.longestSide : bound.shortestSide;
    input.density = Math.min(100_000, Math.max(1, (72 * target) / Math.max(1, side)));
    return { pipeline: sharp(bytes, input), width, height };
  }
  const { width, height } = header.autoOrient;
  if (width * height > limits.maxPixels) throw tooManyPixels(width, height, limits, where);
  return { pipeline: sharp(bytes, input).autoOrient(), width, height };
}

/** HEIC (libheif-js, on a worker thread) and BMP (Folio's reader): pixels first, then the same pipeline. */
async function openDecoded(bytes: Buffer, type: PictureType, bound: PictureBound, limits: ImageLimits, where: string): Promise<Opened> {
  let pixels: DecodedPixels;
  /** The picture's own size, upright: a HEIC's thumbnail stands in for it at small bounds. */
  let size: { width: number; height: number };
  if (type.decoder === 'libheif') {
    // A HEIF file with AV1 inside (an AVIF by another name) is libvips's to decode.
    const header = await sharp(bytes, { limitInputPixels: false })
      .metadata()
      .catch(() => null);
    if (header?.compression === 'av1') return openWithSharp(bytes, { ...type, format: 'avif' }, bound, limits, where);
    // For a small bound (the embedding model's 224 px) the phone's own thumbnail is decoded instead.
    const outcome = await decodeHeicInWorker(bytes, { maxPixels: limits.maxPixels, bound }, DECODE_SECONDS * 1000);
    if (outcome.type === 'too-many-pixels') throw tooManyPixels(outcome.width, outcome.height, limits, where);
    if (outcome.type === 'failed')
      throw new LibraryError('image-broken', `The picture is damaged or incomplete${where}`, `HEIC: ${outcome.message}`);
    pixels = outcome.decoded;
    size = outcome.picture;
  } else {
    try {
      size = bmpSize(bytes);
      if (size.width * size.height > limits.maxPixels) throw tooManyPixels(size.width, size.height, limits, where);
      pixels = decodeBmp(bytes);
    } catch (error) {
      if (error instanceof LibraryError) throw error;
      throw damaged(error, where);
    }
  }
  const { input, options } = await pixelsAsInput(pixels);
  return { pipeline: sharp(input, { ...options, limitInputPixels: limits.maxPixels }), ...size };
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
