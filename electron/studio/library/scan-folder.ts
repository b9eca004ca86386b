/**
 * Lists the files under a folder with what a stat tells (size, mtime) and nothing more: an
 * unchanged library costs one stat per file. Hidden files and folders (".git", ".thumbnails",
 * a library database kept in the folder) are passed over; symbolic links to folders are not
 * followed, so a link loop cannot trap the scan.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileFacts } from './library-records';
import { hasPictureExtension } from '../../../native-models/images/picture-types';
import { LibraryError } from './library-error';

export interface ScannedFile extends FileFacts {
  /** Named like a picture (.jpg, .png, ...). Others are taken only if their first bytes are a picture's. */
  imageName: boolean;
}

export async function scanFolder(
  folder: string,
  options: { signal?: AbortSignal; onFile?: (count: number) => void } = {},
): Promise<ScannedFile[]> {
  await requireFolder(folder);
  const found: ScannedFile[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    if (options.signal?.aborted) break;
    const dir = pending.pop() as string;
    // A folder we may not read is passed over, like the file manager does.
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        pending.push(full);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const info = await stat(full).catch(() => null);
      if (!info?.isFile()) continue;
      found.push({
        path: full,
        byteSize: info.size,
        mtimeMs: Math.trunc(info.mtimeMs),
        imageName: hasPictureExtension(entry.name),
      });
      options.onFile?.(found.length);
    }
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function requireFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (!info) throw new LibraryError('folder-missing', `The image folder could not be found: ${folder}`);
  if (!info.isDirectory()) throw new LibraryError('folder-missing', `This is a file, not a folder of images: ${folder}`);
}
