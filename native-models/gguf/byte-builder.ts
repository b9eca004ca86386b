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

  /** Makes room and returns where to write. Call it before touching `this.buffer`: it may replace it. */
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
    const at = this.reserve(1);
    this.buffer.writeUInt8(v, at);
  }
  i8(v: number): void {
    const at = this.reserve(1);
    this.buffer.writeInt8(v, at);
  }
  u16(v: number): void {
    const at = this.reserve(2);
    this.buffer.writeUInt16LE(v, at);
  }
  i16(v: number): void {
    const at = this.reserve(2);
    this.buffer.writeInt16LE(v, at);
  }
  u32(v: number): void {
    const at = this.reserve(4);
    this.buffer.writeUInt32LE(v, at);
  }
  i32(v: number): void {
    const at = this.reserve(4);
    this.buffer.writeInt32LE(v, at);
  }
  f32(v: number): void {
    const at = this.reserve(4);
    this.buffer.writeFloatLE(v, at);
  }
  f64(v: number): void {
    const at = this.reserve(8);
    this.buffer.writeDoubleLE(v, at);
  }
  u64(v: number | bigint): void {
    const at = this.reserve(8);
    this.buffer.writeBigUInt64LE(BigInt(v), at);
  }
  i64(v: number | bigint): void {
    const at = this.reserve(8);
    this.buffer.writeBigInt64LE(BigInt(v), at);
  }
  /** GGUF string: uint64 byte length, then UTF-8 bytes (no terminator). */
  string(v: string): void {
    const bytes = Buffer.from(v, 'utf8');
    this.u64(bytes.length);
    const at = this.reserve(bytes.length);
    bytes.copy(this.buffer, at);
  }
  zeros(count: number): void {
    const at = this.reserve(count);
    this.buffer.fill(0, at, this.length);
  }

  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
