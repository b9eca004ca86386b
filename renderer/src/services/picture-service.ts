import type { ImportedImage, StudioError } from '@contract/studio-api';
import { formatBytes } from '../format/format-bytes';
import { studio } from '../studio';
import { callStudio } from './studio-error';

/**
 * The largest picture the studio takes: importImage's limit of 56,000,000 base64 characters.
 * Checked before the file is read, so a 48 MB photo gets a message giving the limit instead of
 * a request the studio would refuse (or, over 64 MB, a dropped connection).
 */
export const MAX_PICTURE_BYTES = 42_000_000;

export const pictureService = {
  /** Reads a pasted, dropped or picked file and stores it in the project. */
  async importFile(file: File): Promise<ImportedImage> {
    const tooLarge = pictureTooLargeError(file);
    if (tooLarge) throw tooLarge;
    const dataBase64 = await readAsBase64(file);
    return callStudio(() => studio().importImage({ fileName: file.name || 'pasted-picture.png', dataBase64 }));
  },
  assetUrl: (assetId: string) => studio().assetUrl(assetId),
  assetThumbnailUrl: (assetId: string) => studio().assetThumbnailUrl(assetId),
  libraryThumbnailUrl: (id: number) => studio().libraryThumbnailUrl(id),
};

function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject({ code: 'read-failed', message: 'That picture could not be read.', detail: String(reader.error) });
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** The message for a picture over the limit; null when it fits. */
function pictureTooLargeError(file: Pick<File, 'name' | 'size'>): StudioError | null {
  if (file.size <= MAX_PICTURE_BYTES) return null;
  return {
    code: 'picture-too-large',
    message: `${file.name || 'This picture'} is ${formatBytes(file.size)}; the studio takes pictures up to ${formatBytes(MAX_PICTURE_BYTES)}. Save it smaller (a JPEG, or fewer pixels) and add it again.`,
    detail: `${file.size} bytes; the limit is ${MAX_PICTURE_BYTES} bytes`,
  };
}
