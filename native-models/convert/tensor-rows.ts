/**
 * Reads rows of checkpoint tensors as float32, synchronously (the GGUF writer's fill callbacks
 * are synchronous), a few rows at a time: memory stays at one chunk whatever the tensor's size.
 * Files stay open until `close`.
 */
import { closeSync, readSync } from 'node:fs';
import os from 'node:os';
import { halfBitsToFloat } from '../gguf/ggml-encode';
import { checkpointCorrupt } from './checkpoint-errors';
import { openWeightFile } from './read-checkpoint-file';
import { DTYPE_BYTES, rowLength, type TensorRecord } from './tensor-record';

export class TensorRows {
  private readonly files = new Map<string, number>();
  private scratch = Buffer.alloc(0);

  /** Reads rows [first, first + count) of `record` into `out` (length count × row length). */
  read(record: TensorRecord, first: number, count: number, out: Float32Array): void {
    const width = rowLength(record.shape);
    const bytesPerValue = DTYPE_BYTES[record.dtype];
    const length = count * width * bytesPerValue;
    if (os.endianness() !== 'LE') throw new Error('converting checkpoints needs a little-endian machine');
    // Buffer.alloc never takes from the shared pool: the bytes start at offset 0, aligned for the views below.
    if (this.scratch.length < length) this.scratch = Buffer.alloc(length);
    const bytes = this.scratch.subarray(0, length);
    const position = record.byteOffset + first * width * bytesPerValue;
    let done = 0;
    while (done < length) {
      const read = readSync(this.fd(record.file), bytes, done, length - done, position + done);
      if (read === 0)
        throw checkpointCorrupt(`${record.name} could not be read: its file ends early.`, `${record.file} at ${position + done}`);
      done += read;
    }
    decode(record, bytes, out);
  }

  close(): void {
    for (const fd of this.files.values()) closeSync(fd);
    this.files.clear();
  }

  private fd(file: string): number {
    let fd = this.files.get(file);
    if (fd === undefined) {
      fd = openWeightFile(file).fd;
      this.files.set(file, fd);
    }
    return fd;
  }
}

const halfTable = buildHalfTable();

// Typed-array views read the bytes in place (the scratch buffer starts at offset 0, so it is
// aligned); they read the machine's byte order, which is little-endian on every platform Folio
// ships for, as checkpoints are.
function decode(record: TensorRecord, bytes: Buffer, out: Float32Array): void {
  const n = bytes.length / DTYPE_BYTES[record.dtype];
  switch (record.dtype) {
    case 'F32':
      out.set(new Float32Array(bytes.buffer, bytes.byteOffset, n));
      return;
    case 'F16': {
      const halves = new Uint16Array(bytes.buffer, bytes.byteOffset, n);
      for (let i = 0; i < n; i++) out[i] = halfTable[halves[i]!]!;
      return;
    }
    case 'BF16': {
      // bfloat16 is the top half of a float32.
      const halves = new Uint16Array(bytes.buffer, bytes.byteOffset, n);
      const words = new Uint32Array(out.buffer, out.byteOffset, n);
      for (let i = 0; i < n; i++) words[i] = halves[i]! << 16;
      return;
    }
    default:
      throw checkpointCorrupt(`${record.name} holds ${record.dtype} values where weights are expected.`, record.file);
  }
}

function buildHalfTable(): Float32Array {
  const table = new Float32Array(65536);
  for (let bits = 0; bits < 65536; bits++) table[bits] = halfBitsToFloat(bits);
  return table;
}
