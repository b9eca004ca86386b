import type { StudioError } from '../../../electron/contract/studio-api';

/**
 * The message for files given where only pictures go (a text file pasted into the Ask panel):
 * null when every file is a picture, so nothing a writer drops there is ignored silently.
 */
export function notPicturesError(files: FileList | File[] | null | undefined): StudioError | null {
  const others = Array.from(files ?? []).filter((file) => !file.type.startsWith('image/'));
  if (others.length === 0) return null;
  const names = others.map((file) => file.name || 'the pasted file').join(', ');
  return {
    code: 'not-an-image',
    message: `This is not a PNG, JPEG, WebP or GIF picture (${names}).`,
    detail: others.map((file) => `${file.name}: ${file.type || 'unknown type'}`).join('\n'),
  };
}

/** The pictures among a paste's or a drop's files. */
export function picturesIn(files: FileList | File[] | null | undefined): File[] {
  return Array.from(files ?? []).filter((file) => file.type.startsWith('image/'));
}
