/**
 * Reads a zip file's central directory (zip64 included) and finds where each stored entry's
 * bytes lie, without reading them: torch.save writes a zip of uncompressed entries, and a
 * 10 GB shard must be read tensor by tensor. Only the end of the file and the local headers
 * of the entries asked for are read.
 */
import { closeSync, readSync } from 'node:fs';
import { openWeightFile } from './read-checkpoint-file';

export interface ZipEntry {
  name: string;
  /** 0 = stored; torch never compresses, and compressed entries are refused when read. */
  method: number;
  size: number;
  compressedSize: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_COMMENT = 0xffff;
/** A torch.save zip's directory is a few hundred bytes per tensor; this is thousands of tensors more than any checkpoint. */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
/** The smallest central directory record: a count that could not fit the directory is a lie. */
const CENTRAL_RECORD_BYTES = 46;

export class ZipDirectory {
  readonly entries: ReadonlyMap<string, ZipEntry>;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    readonly fileSize: number,
    entries: Map<string, ZipEntry>,
  ) {
    this.entries = entries;
  }

  static open(path: string): ZipDirectory {
    const { fd, size } = openWeightFile(path);
    try {
      return new ZipDirectory(path, fd, size, readCentralDirectory(fd, size));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Absolute file offset of a stored entry's first byte, checked to lie inside the file. */
  dataOffset(entry: ZipEntry): number {
    if (entry.method !== 0)
      throw new ZipFormatError(`${entry.name} is compressed (method ${entry.method}); torch.save stores entries uncompressed`);
    const header = readAt(this.fd, entry.localHeaderOffset, 30);
    if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipFormatError(`no local header for ${entry.name}`);
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.size > this.fileSize) throw new ZipFormatError(`${entry.name} runs past the end of the file`);
    return start;
  }

  /** An entry's bytes, refused before anything is allocated when it is larger than `maxBytes`. */
  read(entry: ZipEntry, maxBytes: number): Buffer {
    if (entry.size > maxBytes) throw new ZipFormatError(`${entry.name} claims ${entry.size} bytes; at most ${maxBytes} are read`);
    return readAt(this.fd, this.dataOffset(entry), entry.size);
  }

  readInto(buffer: Buffer, position: number): void {
    readFully(this.fd, buffer, position);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function readCentralDirectory(fd: number, fileSize: number): Map<string, ZipEntry> {
  const tailLength = Math.min(fileSize, 22 + MAX_COMMENT + 20);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory: not a zip file, or cut short');
  let count = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE) {
    const zip64Offset = within(tail.readBigUInt64LE(eocd - 20 + 8), fileSize - 56, 'zip64 end record offset');
    const record = readAt(fd, zip64Offset, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw new ZipFormatError('damaged zip64 end record');
    count = within(record.readBigUInt64LE(32), fileSize, 'entry count');
    directorySize = within(record.readBigUInt64LE(40), fileSize, 'central directory size');
    directoryOffset = within(record.readBigUInt64LE(48), fileSize, 'central directory offset');
  }
  if (directoryOffset + directorySize > fileSize) throw new ZipFormatError('central directory lies outside the file');
  if (directorySize > MAX_DIRECTORY_BYTES) throw new ZipFormatError(`central directory of ${directorySize} bytes`);
  if (count * CENTRAL_RECORD_BYTES > directorySize) throw new ZipFormatError(`${count} entries cannot fit ${directorySize} bytes`);
  const directory = readAt(fd, directoryOffset, directorySize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw new ZipFormatError('damaged central directory');
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name,
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    applyZip64Extra(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    // Every size and offset is checked against the file before anything uses it (a 1 TB claim allocated at once).
    for (const key of ['size', 'compressedSize', 'localHeaderOffset'] as const) within(entry[key], fileSize, `${name}'s ${key}`);
    entries.set(name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets that do not fit 32 bits live in the zip64 extra field, in this order. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > extra.length) throw new ZipFormatError('zip64 extra field cut short');
        const value = extra.readBigUInt64LE(field);
        field += 8;
        return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
    }
    at += 4 + length;
  }
}

/** A size or offset read from the file: a whole number no larger than `limit`, or the zip is refused. */
function within(value: number | bigint, limit: number, what: string): number {
  const number = typeof value === 'bigint' ? (value > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(value)) : value;
  if (!Number.isSafeInteger(number) || number < 0 || number > limit)
    throw new ZipFormatError(`${what} ${String(value)} lies outside the file`);
  return number;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  readFully(fd, buffer, position);
  return buffer;
}

function readFully(fd: number, buffer: Buffer, position: number): void {
  let done = 0;
  while (done < buffer.length) {
    const read = readSync(fd, buffer, done, buffer.length - done, position + done);
    if (read === 0) throw new ZipFormatError(`the file ends before byte ${position + buffer.length}`);
    done += read;
  }
}
