import type { LibraryPicture } from '@contract/studio-api';

/** The drag type a library search result carries into the article. */
export const LIBRARY_PICTURE_TYPE = 'application/x-folio-library-picture';

export function libraryPictureFrom(data: DataTransfer | null | undefined): LibraryPicture | null {
  const json = data?.getData(LIBRARY_PICTURE_TYPE);
  if (!json) return null;
  try {
    const picture = JSON.parse(json) as Partial<LibraryPicture>;
    return typeof picture.id === 'number' && typeof picture.fileName === 'string' ? (picture as LibraryPicture) : null;
  } catch {
    return null;
  }
}
