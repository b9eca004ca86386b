/**
 * Copies of pictures for the eye: previews, the editor's view of a project picture, exports.
 * They pass the one gate (decode-picture.ts) like every picture, so a HEIC, TIFF or SVG shows
 * wherever a JPEG does; lossy is fine here, because the model never sees these copies (it gets
 * prepareImage's lossless PNG).
 */
import { isPortablePicture } from '../../../native-models/images/picture-types';
import { decodeOrExplain, openPicture } from './decode-picture';
import { DEFAULT_IMAGE_LIMITS } from './image-limits';
import type { ImageSource } from './read-picture-bytes';

export interface ShownPicture {
  bytes: Buffer;
  mimeType: string;
}

/**
 * The picture as it is when its type is one every viewer shows; otherwise decoded (upright, sRGB,
 * at most `longestSide`) and written as JPEG (quality 92), or PNG where it has transparency.
 */
export async function pictureForDisplay(picture: ShownPicture, longestSide = 4096): Promise<ShownPicture> {
  if (isPortablePicture(picture.mimeType)) return picture;
  const limits = { ...DEFAULT_IMAGE_LIMITS, longestSide };
  const { pipeline, where } = await openPicture({ bytes: picture.bytes }, { longestSide }, limits, { keepAlpha: true });
  const transparent = (await pipeline.clone().stats()).isOpaque === false;
  const encoded = transparent ? pipeline.png() : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 92 });
  const { data } = await decodeOrExplain(encoded, limits, where);
  return { bytes: data, mimeType: transparent ? 'image/png' : 'image/jpeg' };
}

/** A small WebP preview (at most `side` px, upright, transparency kept) of any picture the gate reads. */
export async function picturePreview(source: ImageSource, side: number): Promise<ShownPicture> {
  const limits = { ...DEFAULT_IMAGE_LIMITS, longestSide: side };
  const { pipeline, where } = await openPicture(source, { longestSide: side }, limits, { keepAlpha: true });
  const { data } = await decodeOrExplain(pipeline.webp({ quality: 80 }), limits, where);
  return { bytes: data, mimeType: 'image/webp' };
}
