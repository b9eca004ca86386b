/**
 * The picture as the image-embedding model sees it: through the one picture gate
 * (decode-picture.ts: read once, hashed, upright 8-bit sRGB, shrunk while decoding so the
 * shorter side is the tower's size), then the centre square kept, as CLIP's image processor
 * does. A 12-megapixel JPEG never exists at full size in memory. A file that cannot be used is
 * refused with its reason (a LibraryError the indexer records as a skip).
 */
import sharp from 'sharp';
import { decodePicture, type PictureFacts } from './decode-picture';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits';

export interface PictureForEmbedding extends Omit<PictureFacts, 'originalWidth' | 'originalHeight'> {
  /** size × size × 3 bytes, RGB, row by row. */
  rgb: Uint8Array;
  /** The original's size as it is meant to be seen (EXIF orientation applied). */
  width: number;
  height: number;
}

export async function decodeForEmbedding(
  file: string,
  size: number,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<PictureForEmbedding> {
  const { pixels, width, height, channels, originalWidth, originalHeight, ...facts } = await decodePicture(
    { path: file },
    { shortestSide: size },
    limits,
  );
  // A picture smaller than the tower is enlarged, as the image processor does.
  const rgb = await sharp(pixels, { raw: { width, height, channels } })
    .resize(size, size, { fit: 'cover', position: 'centre', kernel: 'cubic' })
    .raw()
    .toBuffer();
  return { ...facts, rgb, width: originalWidth, height: originalHeight };
}
