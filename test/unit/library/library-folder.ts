/** A temporary picture folder and library for the library tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImageLibrary } from '../../../electron/studio/library/image-library';
import { colourPicture, type PictureFormat } from '../../fixtures/images';
import { sha256 } from './fake-embedder';

export interface PictureSpec {
  name: string;
  seed: number;
  caption?: string;
  format?: PictureFormat;
}

export interface LibraryFolder {
  root: string;
  pictures: string;
  library: ImageLibrary;
  /** Caption of each written picture, by content hash (what the fake describer answers). */
  captions: Map<string, string>;
  write(spec: PictureSpec): Promise<{ file: string; sha256: string }>;
}

export async function libraryFolder(specs: PictureSpec[] = []): Promise<LibraryFolder> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'folio-library-'));
  const pictures = path.join(root, 'pictures');
  mkdirSync(pictures);
  const captions = new Map<string, string>();
  const folder: LibraryFolder = {
    root,
    pictures,
    library: ImageLibrary.open(path.join(root, 'library.sqlite')),
    captions,
    async write(spec) {
      const bytes = await colourPicture(spec.seed, spec.format ?? 'png');
      const file = path.join(pictures, spec.name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      const hash = sha256(bytes);
      if (spec.caption) captions.set(hash, spec.caption);
      return { file, sha256: hash };
    },
  };
  for (const spec of specs) await folder.write(spec);
  return folder;
}
