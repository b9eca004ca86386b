/**
 * Lists the tensors of a `.safetensors` file: an 8-byte header length, a JSON header giving
 * each tensor's dtype, shape and byte range, then the raw data. Only the header is read.
 */
import { closeSync, readSync } from 'node:fs';
import path from 'node:path';
import { checkpointCorrupt } from './checkpoint-errors';
import { openWeightFile } from './read-checkpoint-file';
import { DTYPE_BYTES, elementCount, type SourceDType, type TensorRecord } from './tensor-record';

const MAX_HEADER_BYTES = 100 * 1024 * 1024;

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

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
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw broken('header is not JSON');
    }
    const dataStart = 8 + headerLength;
    const records: TensorRecord[] = [];
    for (const [name, value] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      const entry = value as HeaderEntry;
      const dtype = entry.dtype as SourceDType;
      if (!(dtype in DTYPE_BYTES) || !Array.isArray(entry.shape) || !Array.isArray(entry.data_offsets)) throw broken(`entry ${name}`);
      const [begin, end] = entry.data_offsets;
      if (end - begin !== elementCount(entry.shape) * DTYPE_BYTES[dtype])
        throw broken(`${name}: ${end - begin} bytes for shape ${entry.shape.join('x')}`);
      if (dataStart + end > fileSize) throw broken(`${name} runs past the end of the file`);
      records.push({ name, dtype, shape: entry.shape, file, byteOffset: dataStart + begin, byteLength: end - begin });
    }
    return records;
  } finally {
    closeSync(fd);
  }
}
