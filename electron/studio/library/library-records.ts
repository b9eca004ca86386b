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
