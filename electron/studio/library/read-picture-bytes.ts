import { readOutsideFile } from '../../../native-models/files/read-outside-file';
import { OUTSIDE_FILE_PROBLEM_TEXT } from '../../../native-models/files/outside-file-problem-text';
import { LibraryError } from './library-error';

export type ImageSource = { path: string } | { bytes: Uint8Array };

/** A picture's bytes, from a file (through the one reader of outside files) or as given, refused when empty or over the cap. */
export async function readPictureBytes(source: ImageSource, maxBytes: number): Promise<Buffer> {
  const where = 'path' in source ? `: ${source.path}` : '';
  const bytes = 'path' in source ? await readFromFile(source.path, maxBytes) : Buffer.from(source.bytes);
  if (bytes.length === 0) throw new LibraryError('image-empty', `The image file is empty${where}`);
  if (bytes.length > maxBytes) throw tooManyBytes(bytes.length, maxBytes, where);
  return bytes;
}

async function readFromFile(path: string, maxBytes: number): Promise<Buffer> {
  const read = await readOutsideFile(path, maxBytes);
  if ('bytes' in read) return read.bytes;
  if (read.problem === 'too-large') throw tooManyBytes(read.size ?? maxBytes + 1, maxBytes, `: ${path}`);
  throw new LibraryError('image-unreadable', `The picture ${OUTSIDE_FILE_PROBLEM_TEXT[read.problem]}: ${path}`, read.detail);
}

function tooManyBytes(size: number, maxBytes: number, where: string): LibraryError {
  const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;
  return new LibraryError('image-too-large', `The picture file is too large (${mb(size)}; the limit is ${mb(maxBytes)})${where}`);
}
