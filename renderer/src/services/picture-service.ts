import type { ImportedImage, StudioError } from '../../../electron/contract/studio-api';
import { studio } from '../studio';
import { callStudio } from './studio-error';

/** The picture formats the studio accepts from a paste, a drop or a file picker. */
export const PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

export const pictureService = {
  /** Reads a pasted, dropped or picked file and stores it in the project. */
  async importFile(file: File): Promise<ImportedImage> {
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

/**
 * The message for files given where only pictures go (a text file pasted into the Ask panel):
 * null when every file is a picture, so nothing a writer drops there is ignored silently.
 */
export function notPicturesError(files: FileList | File[] | null | undefined): StudioError | null {
  const others = Array.from(files ?? []).filter((file) => !file.type.startsWith('image/'));
  if (others.length === 0) return null;
  const names = others.map((file) => file.name || 'the pasted file').join(', ');
  return { code: 'not-an-image', message: `This is not a PNG, JPEG, WebP or GIF picture (${names}).`, detail: others.map((file) => `${file.name}: ${file.type || 'unknown type'}`).join('\n') };
}

/** The pictures among a paste's or a drop's files. */
export function picturesIn(files: FileList | File[] | null | undefined): File[] {
  return Array.from(files ?? []).filter((file) => file.type.startsWith('image/'));
}
