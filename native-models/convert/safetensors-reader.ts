/**
 * Lists the tensors of a `.safetensors` file: an 8-byte header length, a JSON header giving
 * each tensor's dtype, shape and byte range, then the raw data. Only the header is read.
 */
import { closeSync, readSync } from 'node:fs';
import path from 'node:path';
import { checkpointCorrupt } from './checkpoint-errors';
import { openWeightFile } from './read-checkpoint-file';
import { DTYPE_BYTES, elementCount, type SourceDType, type TensorRecord } from './tensor-record';

/** A header names each tensor in about 100 bytes: 1 MB for a 7B model. Larger is not a header. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;
/** An object of tensors, each an object holding arrays of numbers: three levels; four of room. */
const MAX_HEADER_DEPTH = 4;
/** The most dimensions a weight has (a patch embedding has four). */
const MAX_DIMENSIONS = 8;

export function readSafetensors(file: string): TensorRecord[] {
  const { fd, size: fileSize } = openWeightFile(file);
  try {
    const broken = (why: string): Error =>
      checkpointCorrupt(`${path.basename(file)} is damaged or incomplete (was the download cut short?).`, `${file}: ${why}`);
    if (fileSize < 8) throw broken('shorter than its header length');
    const lengthBytes = Buffer.alloc(8);
    readSync(fd, lengthBytes, 0, 8, 0);
    const headerLength = Number(lengthBytes.readBigUInt64LE(0));
    if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > fileSize) throw broken(`header length ${headerLength}`);
    const headerBytes = Buffer.alloc(headerLength);
    readSync(fd, headerBytes, 0, headerLength, 8);
    // Nesting is counted before parsing: 40 MB of brackets took 1.96 GB to parse.
    const depth = nestingDepth(headerBytes);
    if (depth > MAX_HEADER_DEPTH) throw broken(`header nests ${depth} levels deep`);
    let header: unknown;
    try {
      header = JSON.parse(headerBytes.toString('utf8'));
    } catch {
      throw broken('header is not JSON');
    }
    if (!isObject(header)) throw broken('header is not a JSON object');
    const dataStart = 8 + headerLength;
    const dataBytes = fileSize - dataStart;
    const records: TensorRecord[] = [];
    for (const [name, entry] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      if (!isObject(entry) || typeof entry.dtype !== 'string' || !Object.hasOwn(DTYPE_BYTES, entry.dtype)) throw broken(`entry ${name}`);
      const dtype = entry.dtype as SourceDType;
      const shape = counts(entry.shape);
      const offsets = counts(entry.data_offsets);
      if (!shape || shape.length > MAX_DIMENSIONS || !offsets || offsets.length !== 2)
        throw broken(`${name}: shape or data_offsets are not whole, non-negative numbers`);
      const [begin, end] = offsets as [number, number];
      // Offsets count from the end of the header: one inside it, or past the data, is refused.
      if (begin > end || end > dataBytes) throw broken(`${name}: data_offsets ${begin}..${end} outside the ${dataBytes} bytes of data`);
      if (end - begin !== elementCount(shape) * DTYPE_BYTES[dtype])
        throw broken(`${name}: ${end - begin} bytes for shape ${shape.join('x')}`);
      records.push({ name, dtype, shape, file, byteOffset: dataStart + begin, byteLength: end - begin });
    }
    // As the safetensors library requires: the tensors tile the data exactly, in order, no gaps,
    // no overlaps. A shifted offset inside the data would otherwise read another tensor's bytes.
    let covered = 0;
    for (const record of [...records].sort((a, b) => a.byteOffset - b.byteOffset)) {
      if (record.byteOffset - dataStart !== covered)
        throw broken(`${record.name} starts at ${record.byteOffset - dataStart}, not at ${covered}`);
      covered += record.byteLength;
    }
    if (covered !== dataBytes) throw broken(`the tensors cover ${covered} of the ${dataBytes} bytes of data`);
    return records;
  } finally {
    closeSync(fd);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An array of whole, non-negative numbers (each below 2^53), or undefined. */
function counts(value: unknown): number[] | undefined {
  return Array.isArray(value) && value.every((item) => Number.isSafeInteger(item) && (item as number) >= 0)
    ? (value as number[])
    : undefined;
}

/** How deep the JSON's brackets nest, strings skipped; linear, nothing allocated. */
function nestingDepth(bytes: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // a backslash escapes the next byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return deepest;
}
