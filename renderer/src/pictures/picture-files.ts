import type { StudioError } from '@contract/studio-api';

/**
 * Whether a file may be a picture: the browser says so, or it does not know the type (Chromium
 * names no type for HEIC and other camera files on some systems). The studio's one picture gate
 * reads the contents and decides; this only keeps text and documents out of picture places.
 */
const mayBePicture = (file: File): boolean => file.type.startsWith('image/') || file.type === '';

/**
 * The message for files given where only pictures go (a text file pasted into the Ask panel):
 * null when every file may be a picture, so nothing a writer drops there is ignored silently.
 */
export function notPicturesError(files: FileList | File[] | null | undefined): StudioError | null {
  const others = Array.from(files ?? []).filter((file) => !mayBePicture(file));
  if (others.length === 0) return null;
  const names = others.map((file) => file.name || 'the pasted file').join(', ');
  return {
    code: 'not-an-image',
    message: `This is not a picture (${names}).`,
    detail: others.map((file) => `${file.name}: ${file.type || 'unknown type'}`).join('\n'),
  };
}

/** The pictures among a paste's or a drop's files. */
export function picturesIn(files: FileList | File[] | null | undefined): File[] {
  return Array.from(files ?? []).filter(mayBePicture);
}
