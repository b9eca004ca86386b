import { pictureTypeOf } from './picture-types';

/**
 * The picture's MIME type from a file's first bytes, by the one table of picture types
 * (picture-types.ts), or null when it is none Folio reads.
 */
export function sniffImageType(bytes: Uint8Array): string | null {
  return pictureTypeOf(bytes)?.mimeType ?? null;
}
