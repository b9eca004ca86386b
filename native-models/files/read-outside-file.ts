/**
 * The one way Folio reads a file it did not write (project files, imports, pictures, the
 * library, checkpoints, benchmarks and answer logs, model files): the name is opened once,
 * without blocking; the open handle is checked (a plain file, not on procfs, sysfs or another
 * kernel file system, within the size the caller allows); then every read is made on that
 * handle and never more than the cap. A FIFO, a device, /proc/self/pagemap behind a link, or a
 * name swapped for any of them between a check and a read cannot hang or flood the process.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { OPEN_FLAGS, checkFileSystem, checkStats, grewPast, refusalOf, roomToRead, type OutsideFileRefusal } from './file-checks';

export type { OutsideFileRefusal } from './file-checks';

export interface OutsideFile {
  /** The open handle: read on it, never on the name again. */
  readonly handle: FileHandle;
  /** The size the handle reported when it was checked. */
  readonly size: number;
  /** Up to `length` bytes from `position` (fewer at the end of the file). */
  readAt(position: number, length: number): Promise<Buffer>;
  /** The whole file, or a refusal when it grew past the cap since it was checked. */
  readAll(): Promise<Buffer | OutsideFileRefusal>;
  close(): Promise<void>;
}

/** Opens and checks `file`; the caller closes what it gets. */
export async function openOutsideFile(
  file: string,
  maxBytes = Number.MAX_SAFE_INTEGER,
): Promise<{ file: OutsideFile } | OutsideFileRefusal> {
  let handle: FileHandle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (error) {
    return refusalOf(file, error);
  }
  try {
    const info = await handle.stat();
    const refused = checkStats(file, info, maxBytes) ?? (await checkFileSystem(file, handle.fd));
    if (refused) {
      await handle.close().catch(() => undefined);
      return refused;
    }
    return { file: outsideFile(file, handle, info.size, maxBytes) };
  } catch (error) {
    await handle.close().catch(() => undefined);
    return refusalOf(file, error);
  }
}

/** The whole of `file`, at most `maxBytes`, or why not. */
export async function readOutsideFile(file: string, maxBytes: number): Promise<{ bytes: Buffer } | OutsideFileRefusal> {
  const opened = await openOutsideFile(file, maxBytes);
  if (!('file' in opened)) return opened;
  try {
    const bytes = await opened.file.readAll();
    return Buffer.isBuffer(bytes) ? { bytes } : bytes;
  } catch (error) {
    return refusalOf(file, error);
  } finally {
    await opened.file.close();
  }
}

function outsideFile(name: string, handle: FileHandle, size: number, maxBytes: number): OutsideFile {
  return {
    handle,
    size,
    async readAt(position, length) {
      const buffer = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    },
    async readAll() {
      let buffer: Buffer | null = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
      let done = 0;
      for (;;) {
        buffer = roomToRead(buffer, done, maxBytes);
        if (!buffer) return grewPast(name, maxBytes);
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, done);
        if (bytesRead === 0) return buffer.subarray(0, done);
        done += bytesRead;
      }
    },
    close: () => handle.close().catch(() => undefined),
  };
}
