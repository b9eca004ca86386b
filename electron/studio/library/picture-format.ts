import { sniffImageType } from '../../../native-models/images/sniff-image-type';

export type PictureFormat = 'jpeg' | 'png' | 'webp' | 'gif';

const MIME_TO_FORMAT: Record<string, PictureFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** The picture's format from its first bytes, or null when it is none Folio reads. */
export function pictureFormatOf(bytes: Uint8Array): PictureFormat | null {
  const sniffed = sniffImageType(bytes);
  return sniffed ? (MIME_TO_FORMAT[sniffed] ?? null) : null;
}
