/** Embeddings are stored as Float32 little-endian BLOBs: 4 bytes a dimension, read back exactly. */
export function embeddingToBlob(vector: ArrayLike<number>): Buffer {
  const floats = Float32Array.from(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength);
}

export function blobToEmbedding(blob: Uint8Array): Float32Array {
  // Copy: SQLite's buffer need not be 4-byte aligned, and typed arrays require it.
  const copy = new Uint8Array(blob);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}
