/**
 * Reads a file only when it is a plain file. A FIFO opened for reading waits for a writer
 * forever, and so does one of libuv's four file threads with it (every save and open behind it
 * stalls); a device or a /proc file never ends. So the file is opened with O_NONBLOCK (which
 * returns at once, even for a FIFO), and its type and size are checked on the open handle
 * before a byte is read.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Why a file was not read; the caller words it for the writer. */
export type FileReadProblem = 'missing' | 'not-a-file' | 'too-large' | 'forbidden' | 'unreadable';

export type FileRead = { bytes: Buffer } | { problem: FileReadProblem; detail: string; size?: number };

// Windows has no O_NONBLOCK (and no FIFOs in the file system).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readRegularFile(file: string, maxBytes: number): Promise<FileRead> {
  let handle: FileHandle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'missing' : code === 'EACCES' || code === 'EPERM' ? 'forbidden' : code === 'EISDIR' ? 'not-a-file' : 'unreadable';
    return { problem, detail: describe(error) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { problem: 'not-a-file', detail: `${file} is ${kindOf(info)}` };
    if (info.size > maxBytes) return { problem: 'too-large', detail: `${file}: ${info.size} bytes`, size: info.size };
    return { bytes: await handle.readFile() };
  } catch (error) {
    return { problem: 'unreadable', detail: describe(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function kindOf(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a plain file';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}` : String(error);
}
