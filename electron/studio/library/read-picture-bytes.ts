import { readFile, stat } from 'node:fs/promises';
import { LibraryError } from './library-error';

export type ImageSource = { path: string } | { bytes: Uint8Array };

/** A picture's bytes, from a file or as given, refused when empty or over the cap. */
export async function readPictureBytes(source: ImageSource, maxBytes: number): Promise<Buffer> {
  const where = 'path' in source ? `: ${source.path}` : '';
  const bytes = 'path' in source ? await readCapped(source.path, maxBytes) : Buffer.from(source.bytes);
  if (bytes.length === 0) throw new LibraryError('image-empty', `The image file is empty${where}`);
  if (bytes.length > maxBytes) throw tooManyBytes(bytes.length, maxBytes, where);
  return bytes;
}

/** Reads a file, refusing before the read when it is over the cap (stat is cheap, reading 2 GB is not). */
async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new LibraryError('image-unreadable', `This is not a file: ${path}`);
    if (info.size > maxBytes) throw tooManyBytes(info.size, maxBytes, `: ${path}`);
    return await readFile(path);
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'could not be found'
        : code === 'EACCES' || code === 'EPERM'
          ? 'may not be read (permissions)'
          : 'could not be read';
    throw new LibraryError('image-unreadable', `The picture ${why}: ${path}`, String(error));
  }
}

function tooManyBytes(size: number, maxBytes: number, where: string): LibraryError {
  const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;
  return new LibraryError('image-too-large', `The picture file is too large (${mb(size)}; the limit is ${mb(maxBytes)})${where}`);
}
