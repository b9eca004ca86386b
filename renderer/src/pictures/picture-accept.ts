import type { PictureFileType } from '@contract/studio-api';

/**
 * A file input's `accept` list for the picture types the studio reads: each type's MIME type and
 * its extensions (Chromium gives a HEIC no type on most systems, so its name must match). The
 * types come from the studio's capabilities (native-models' one table); until it has answered,
 * any picture.
 */
export function pictureAccept(types: readonly PictureFileType[] | undefined): string {
  if (!types || types.length === 0) return 'image/*';
  return types.flatMap((type) => [type.mimeType, ...type.extensions]).join(',');
}
