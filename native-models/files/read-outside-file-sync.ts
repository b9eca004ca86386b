/**
 * The reader of outside files (read-outside-file.ts) for code that reads synchronously, as the
 * converter reads tensor rows: the same open without blocking, the same checks on the
 * descriptor, reads on the descriptor only.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { OPEN_FLAGS, checkFileSystemSync, checkStats, grewPast, refusalOf, roomToRead, type OutsideFileRefusal } from './file-checks';

/** Opens and checks `file`; the caller closes the descriptor it gets (closeSync). */
export function openOutsideFileSync(file: string, maxBytes = Number.MAX_SAFE_INTEGER): { fd: number; size: number } | OutsideFileRefusal {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    return refusalOf(file, error);
  }
  try {
    const info = fstatSync(fd);
    const refused = checkStats(file, info, maxBytes) ?? checkFileSystemSync(file, fd);
    if (!refused) return { fd, size: info.size };
    closeSync(fd);
    return refused;
  } catch (error) {
    closeSync(fd);
    return refusalOf(file, error);
  }
}

/** The whole of `file`, at most `maxBytes`, or why not. */
export function readOutsideFileSync(file: string, maxBytes: number): { bytes: Buffer } | OutsideFileRefusal {
  const opened = openOutsideFileSync(file, maxBytes);
  if (!('fd' in opened)) return opened;
  try {
    let buffer: Buffer | null = Buffer.allocUnsafe(Math.min(opened.size, maxBytes) + 1);
    let done = 0;
    for (;;) {
      buffer = roomToRead(buffer, done, maxBytes);
      if (!buffer) return grewPast(file, maxBytes);
      const bytesRead = readSync(opened.fd, buffer, done, buffer.length - done, done);
      if (bytesRead === 0) return { bytes: buffer.subarray(0, done) };
      done += bytesRead;
    }
  } catch (error) {
    return refusalOf(file, error);
  } finally {
    closeSync(opened.fd);
  }
}
