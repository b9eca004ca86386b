/**
 * Every picture (from the library folder, pasted or uploaded) passes through here before the
 * model or the library sees it: size caps, a header check against decompression bombs, a full
 * decode, EXIF orientation applied, metadata (camera, GPS) dropped, and a bounded re-encode.
 * A file that fails any step is refused with a typed reason, never a crash.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { sniffImageType } from '../../../native-models/images/sniff-image-type';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits';
import { LibraryError } from './library-error';

export type ImageSource = { path: string } | { bytes: Uint8Array };

export type SourceFormat = 'jpeg' | 'png' | 'webp' | 'gif';

export interface PreparedImage {
  /** The re-encoded picture: upright, without metadata, longest side within the limit. */
  bytes: Buffer;
  mimeType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  /**
   * SHA-256 (hex) of the bytes as given, before re-encoding: the same file always has the same
   * hash, which is how the library recognises duplicates.
   */
  sha256: string;
  byteSize: number;
  format: SourceFormat;
  /** The size of the original as it is meant to be seen (EXIF orientation applied). */
  originalWidth: number;
  originalHeight: number;
}

const MIME_TO_FORMAT: Record<string, SourceFormat> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

export async function prepareImage(source: ImageSource, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<PreparedImage> {
  const where = 'path' in source ? `: ${source.path}` : '';
  const bytes = 'path' in source ? await readCapped(source.path, limits.maxBytes) : Buffer.from(source.bytes);
  if (bytes.length === 0) throw new LibraryError('image-empty', `The image file is empty${where}`);
  if (bytes.length > limits.maxBytes) throw tooManyBytes(bytes.length, limits, where);

  const sniffed = sniffImageType(bytes);
  const format = sniffed ? MIME_TO_FORMAT[sniffed] : undefined;
  if (!format) throw new LibraryError('not-an-image', `This is not a PNG, JPEG, WebP or GIF picture${where}`);

  const decoderOptions = { limitInputPixels: limits.maxPixels, failOn: 'truncated' } as const;
  try {
    // The header alone is safe to read at any size; the limit guards the decode below.
    const header = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (header.format !== format)
      throw new LibraryError(
        'not-an-image',
        `The picture's contents do not match its type${where}`,
        `sniffed ${format}, decoder saw ${header.format}`,
      );
    const { width: originalWidth, height: originalHeight } = header.autoOrient;
    if (originalWidth * originalHeight > limits.maxPixels) throw tooManyPixels(originalWidth, originalHeight, limits, where);

    const output = sharp(bytes, decoderOptions)
      .autoOrient()
      .resize({ width: limits.longestSide, height: limits.longestSide, fit: 'inside', withoutEnlargement: true });
    // JPEG keeps photos small for the model; PNG only where transparency has to survive.
    const encoded = header.hasAlpha ? output.png() : output.jpeg({ quality: 88 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      mimeType: header.hasAlpha ? 'image/png' : 'image/jpeg',
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      byteSize: bytes.length,
      format,
      originalWidth,
      originalHeight,
    };
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message))
      throw new LibraryError(
        'image-too-large',
        `The picture has too many pixels (the limit is ${megapixels(limits.maxPixels)})${where}`,
        message,
      );
    throw new LibraryError('image-broken', `The picture is damaged or incomplete${where}`, message);
  }
}

/** Reads a file, refusing before the read when it is over the cap (stat is cheap, reading 2 GB is not). */
async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new LibraryError('image-unreadable', `This is not a file: ${path}`);
    if (info.size > maxBytes) throw tooManyBytes(info.size, { maxBytes }, `: ${path}`);
    return await readFile(path);
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'could not be found'
        : code === 'EACCES' || code === 'EPERM'
          ? 'may not be read (permissions)'
          : 'could not be read';
    throw new LibraryError('image-unreadable', `The picture ${why}: ${path}`, String(error));
  }
}

function tooManyBytes(size: number, limits: Pick<ImageLimits, 'maxBytes'>, where: string): LibraryError {
  const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;
  return new LibraryError('image-too-large', `The picture file is too large (${mb(size)}; the limit is ${mb(limits.maxBytes)})${where}`);
}

function tooManyPixels(width: number, height: number, limits: ImageLimits, where: string): LibraryError {
  return new LibraryError(
    'image-too-large',
    `The picture is too large (${width} × ${height} pixels; the limit is ${megapixels(limits.maxPixels)})${where}`,
  );
}

const megapixels = (pixels: number): string => `${(pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0)} megapixels`;
