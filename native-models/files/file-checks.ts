/**
 * What the reader of outside files checks on a handle it has opened, shared by its promise and
 * its synchronous forms. Everything is asked of the open file descriptor, never of the name
 * again, so a name swapped for a FIFO or a link after the open changes nothing.
 */
import { constants, statfsSync, type Stats } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { VIRTUAL_FILE_SYSTEMS } from './virtual-file-systems';

/** Why a file was not read; the caller words it for the writer. */
export type OutsideFileProblem = 'missing' | 'not-a-file' | 'system-file' | 'too-large' | 'forbidden' | 'unreadable';

export interface OutsideFileRefusal {
  problem: OutsideFileProblem;
  /** For developers and logs: the path and what was found there. */
  detail: string;
  /** The size the file reports, for a `too-large` refusal. */
  size?: number;
}

/**
 * O_NONBLOCK makes the open itself return at once, even for a FIFO with no writer (a blocking
 * open waits for one for ever, and so does one of libuv's four file threads with it); for a
 * regular file it changes nothing. O_NOCTTY: a terminal never becomes ours. Windows has neither
 * (and no FIFOs in the file system).
 */
export const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** A refusal for an error thrown by open or read. */
export function refusalOf(file: string, error: unknown): OutsideFileRefusal {
  const code = (error as NodeJS.ErrnoException).code;
  const problem: OutsideFileProblem =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? 'missing'
      : code === 'EACCES' || code === 'EPERM'
        ? 'forbidden'
        : code === 'EISDIR' || code === 'ENXIO' || code === 'ELOOP'
          ? 'not-a-file'
          : 'unreadable';
  return { problem, detail: `${file}: ${describe(error)}` };
}

/** Refuses anything but a plain file, and a file over `maxBytes` by the size it reports. */
export function checkStats(file: string, info: Stats, maxBytes: number): OutsideFileRefusal | null {
  if (!info.isFile()) return { problem: 'not-a-file', detail: `${file} is ${kindOf(info)}` };
  if (info.size > maxBytes) return { problem: 'too-large', detail: `${file}: ${info.size} bytes (at most ${maxBytes})`, size: info.size };
  return null;
}

/**
 * The file system the open file lies on, asked through the descriptor: on Linux
 * /proc/self/fd/N leads statfs to the open file itself (Node has no fstatfs). procfs, sysfs and
 * the like report their files as plain files of size 0 that never end, so they are refused by
 * kind. macOS and Windows have no such file systems (their devices are not plain files, which
 * the type check refuses), so there the type check is the whole check.
 */
export async function checkFileSystem(file: string, fd: number): Promise<OutsideFileRefusal | null> {
  if (process.platform !== 'linux') return null;
  const type = await statfs(`/proc/self/fd/${fd}`).then(
    (info) => Number(info.type),
    () => null,
  );
  return fileSystemRefusal(file, type);
}

export function checkFileSystemSync(file: string, fd: number): OutsideFileRefusal | null {
  if (process.platform !== 'linux') return null;
  let type: number | null;
  try {
    type = Number(statfsSync(`/proc/self/fd/${fd}`).type);
  } catch {
    type = null;
  }
  return fileSystemRefusal(file, type);
}

function fileSystemRefusal(file: string, type: number | null): OutsideFileRefusal | null {
  // Without /proc mounted there is no procfs to be fooled by; the type check still holds.
  const kind = type === null ? undefined : VIRTUAL_FILE_SYSTEMS.get(type);
  return kind ? { problem: 'system-file', detail: `${file} is on ${kind}, a kernel file system, not a file of yours` } : null;
}

/**
 * The buffer a whole-file read goes on into: the same while it has room; when it is full, a larger
 * one (at most one byte past the cap, which tells a file that grew since the check from one that
 * did not); null when the file has grown past the cap.
 */
export function roomToRead(buffer: Buffer, done: number, maxBytes: number): Buffer | null {
  if (done < buffer.length) return buffer;
  if (buffer.length > maxBytes) return null;
  const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
  buffer.copy(larger, 0, 0, done);
  return larger;
}

/** A refusal for a file that grew past the cap while it was read (its size was checked before). */
export function grewPast(file: string, maxBytes: number): OutsideFileRefusal {
  return { problem: 'too-large', detail: `${file}: more than ${maxBytes} bytes (it grew while being read)`, size: maxBytes + 1 };
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a plain file';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}` : String(error);
}
