/** The rows the image library keeps: the files it has seen and the images they hold. */
import type { ImageSkipReason } from './library-error';
import type { SourceFormat } from './prepare-image';

/** What a stat tells about a file; enough to see it has not changed. */
export interface FileFacts {
  path: string;
  byteSize: number;
  mtimeMs: number;
}

export interface KnownFile extends FileFacts {
  status: 'indexed' | 'duplicate' | 'skipped';
  imageId: number | null;
  skipReason: ImageSkipReason | null;
  /** Content hash of the image this file holds; null when skipped. */
  sha256: string | null;
  /** Whether its image has an embedding from the library's model (SQLite's 0 or 1). */
  hasVector: number | boolean | null;
}

/** A folder the writer indexed, with what the library holds from it. */
export interface LibraryFolder {
  path: string;
  addedAt: number;
  /** When it was last brought up to date; null while its first index has not finished. */
  indexedAt: number | null;
  /** Files whose picture is in the library (one per picture). */
  pictures: number;
  /** Files holding a picture already in the library under another name. */
  duplicates: number;
  skipped: number;
}

export interface LibraryImage {
  id: number;
  sha256: string;
  path: string;
  format: SourceFormat;
  width: number;
  height: number;
  caption: string;
  /** Milliseconds since the epoch. */
  indexedAt: number;
}
