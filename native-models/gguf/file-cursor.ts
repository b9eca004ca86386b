/**
 * Sequential little-endian reads over an open file, through a bounded window. The GGUF
 * header reader uses it so that reading a header never loads the multi-gigabyte tensor data,
 * and so that a hostile length field can never make it allocate more than the file holds.
 *
 * Call `ensure(n)` (async) before the synchronous reads of those `n` bytes; `has(n)` lets hot
 * loops skip the await when the window already holds the bytes.
 */
import type { FileHandle } from 'node:fs/promises';

const DEFAULT_WINDOW = 256 * 1024;

export class FileCursor {
  private window: Buffer;
  /** File offset of window[0]. */
  private windowStart = 0;
  /** File offset just past the last valid byte in the window. */
  private windowEnd = 0;
  /** Current file offset. */
  position = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly fileSize: number,
    /** Builds the error thrown when a read would run past the end of the file. */
    private readonly pastEnd: (detail: string) => Error,
    private readonly windowBytes = DEFAULT_WINDOW,
  ) {
    this.window = Buffer.alloc(Math.min(windowBytes, Math.max(fileSize, 1)));
  }

  get remaining(): number {
    return this.fileSize - this.position;
  }

  has(bytes: number): boolean {
    return this.position + bytes <= this.windowEnd;
  }

  async ensure(bytes: number): Promise<void> {
    if (this.has(bytes)) return;
    if (bytes > this.remaining) {
      throw this.pastEnd(`needed ${bytes} bytes at offset ${this.position}, but the file has ${this.fileSize} bytes`);
    }
    const want = Math.min(Math.max(bytes, this.windowBytes), this.remaining);
    // Callers bound `bytes` by the file size and sane caps before asking, so growing is safe.
    if (this.window.length < want) this.window = Buffer.alloc(want);
    let filled = 0;
    while (filled < want) {
      const { bytesRead } = await this.handle.read(this.window, filled, want - filled, this.position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled < bytes) {
      throw this.pastEnd(`the file ended at offset ${this.position + filled} while reading (it changed while being read?)`);
    }
    this.windowStart = this.position;
    this.windowEnd = this.position + filled;
  }

  private take(bytes: number): number {
    const at = this.position - this.windowStart;
    this.position += bytes;
    return at;
  }

  u8(): number {
    return this.window.readUInt8(this.take(1));
  }
  i8(): number {
    return this.window.readInt8(this.take(1));
  }
  u16(): number {
    return this.window.readUInt16LE(this.take(2));
  }
  i16(): number {
    return this.window.readInt16LE(this.take(2));
  }
  u32(): number {
    return this.window.readUInt32LE(this.take(4));
  }
  i32(): number {
    return this.window.readInt32LE(this.take(4));
  }
  f32(): number {
    return this.window.readFloatLE(this.take(4));
  }
  f64(): number {
    return this.window.readDoubleLE(this.take(8));
  }
  u64(): bigint {
    return this.window.readBigUInt64LE(this.take(8));
  }
  i64(): bigint {
    return this.window.readBigInt64LE(this.take(8));
  }
  /** A uint64 as a number; exact up to 2^53, and above that still large enough to fail any cap. */
  u64AsNumber(): number {
    const at = this.take(8);
    return this.window.readUInt32LE(at) + this.window.readUInt32LE(at + 4) * 2 ** 32;
  }
  utf8(bytes: number): string {
    const at = this.take(bytes);
    return this.window.toString('utf8', at, at + bytes);
  }
  bytes(count: number): Buffer {
    const at = this.take(count);
    return Buffer.from(this.window.subarray(at, at + count));
  }
}
