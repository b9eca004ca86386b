/**
 * The picture as the image-embedding model sees it: read once, hashed, decoded upright into
 * 8-bit sRGB, scaled so the shorter side is the tower's size and the centre square kept (as
 * CLIP's image processor does). JPEGs are shrunk while decoding, so a 12-megapixel photo never
 * exists at full size in memory. A file that cannot be used is refused with its reason.
 *
 * This is the library's seam to the picture gate (issue 22 item 4, the `pictures` work): when
 * the one gate for every picture format lands, its decoder replaces the sharp calls here.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { sniffImageType } from '../../../native-models/images/sniff-image-type';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits';
import { LibraryError } from './library-error';
import type { SourceFormat } from './prepare-image';

export interface DecodedPicture {
  /** size × size × 3 bytes, RGB, row by row. */
  rgb: Uint8Array;
  sha256: string;
  byteSize: number;
  format: SourceFormat;
  /** The original's size as it is meant to be seen (EXIF orientation applied). */
  width: number;
  height: number;
}

const FORMATS: Record<string, SourceFormat> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

export async function decodeForEmbedding(file: string, size: number, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<DecodedPicture> {
  const bytes = await readPicture(file, limits.maxBytes);
  const format = FORMATS[sniffImageType(bytes) ?? ''];
  if (!format) throw new LibraryError('not-an-image', `This is not a PNG, JPEG, WebP or GIF picture: ${file}`);
  try {
    const header = await sharp(bytes, { limitInputPixels: false }).metadata();
    const { width, height } = header.autoOrient;
    if (width * height > limits.maxPixels)
      throw new LibraryError('image-too-large', `The picture is too large (${width} × ${height} pixels): ${file}`);
    const rgb = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'truncated' })
      .autoOrient()
      .resize(size, size, { fit: 'cover', position: 'centre', kernel: 'cubic', fastShrinkOnLoad: true })
      // Transparent areas as on a white page, where the figure will be shown.
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    return { rgb, sha256: createHash('sha256').update(bytes).digest('hex'), byteSize: bytes.length, format, width, height };
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    throw new LibraryError(
      'image-broken',
      `The picture is damaged or incomplete: ${file}`,
      error instanceof Error ? error.message : String(error),
    );
  }
}

async function readPicture(file: string, maxBytes: number): Promise<Buffer> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new LibraryError('image-unreadable', `The picture could not be found: ${file}`);
  if (info.size === 0) throw new LibraryError('image-empty', `The image file is empty: ${file}`);
  if (info.size > maxBytes)
    throw new LibraryError('image-too-large', `The picture file is too large (${Math.round(info.size / 1048576)} MB): ${file}`);
  return readFile(file).catch((error: unknown) => {
    throw new LibraryError('image-unreadable', `The picture could not be read: ${file}`, String(error));
  });
}
