/**
 * A growable little-endian byte buffer for building GGUF headers in memory. Headers are
 * small (a 92k-token vocabulary is ~2 MB), so building them whole is simpler than streaming.
 */
export class ByteBuilder {
  private buffer = Buffer.alloc(64 * 1024);
  private length = 0;

  get size(): number {
    return this.length;
  }

  private reserve(bytes: number): number {
    const at = this.length;
    if (at + bytes > this.buffer.length) {
      const grown = Buffer.alloc(Math.max(this.buffer.length * 2, at + bytes));
      this.buffer.copy(grown, 0, 0, at);
      this.buffer = grown;
    }
    this.length += bytes;
    return at;
  }

  u8(v: number): void {
    this.buffer.writeUInt8(v, this.reserve(1));
  }
  i8(v: number): void {
    this.buffer.writeInt8(v, this.reserve(1));
  }
  u16(v: number): void {
    this.buffer.writeUInt16LE(v, this.reserve(2));
  }
  i16(v: number): void {
    this.buffer.writeInt16LE(v, this.reserve(2));
  }
  u32(v: number): void {
    this.buffer.writeUInt32LE(v, this.reserve(4));
  }
  i32(v: number): void {
    this.buffer.writeInt32LE(v, this.reserve(4));
  }
  f32(v: number): void {
    this.buffer.writeFloatLE(v, this.reserve(4));
  }
  f64(v: number): void {
    this.buffer.writeDoubleLE(v, this.reserve(8));
  }
  u64(v: number | bigint): void {
    this.buffer.writeBigUInt64LE(BigInt(v), this.reserve(8));
  }
  i64(v: number | bigint): void {
    this.buffer.writeBigInt64LE(BigInt(v), this.reserve(8));
  }
  /** GGUF string: uint64 byte length, then UTF-8 bytes (no terminator). */
  string(v: string): void {
    const bytes = Buffer.from(v, 'utf8');
    this.u64(bytes.length);
    bytes.copy(this.buffer, this.reserve(bytes.length));
  }
  zeros(count: number): void {
    this.buffer.fill(0, this.reserve(count), this.length);
  }

  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
