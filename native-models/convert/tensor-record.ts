/**
 * Where one checkpoint tensor's bytes lie (file, offset, dtype, shape), found without reading
 * them: the converter reads rows on demand, so no tensor is ever held whole.
 */
export type SourceDType = 'F32' | 'F16' | 'BF16' | 'F64' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

export const DTYPE_BYTES: Record<SourceDType, number> = { F32: 4, F16: 2, BF16: 2, F64: 8, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

export interface TensorRecord {
  name: string;
  dtype: SourceDType;
  /** As torch reports it: [out, in] for a linear layer. */
  shape: readonly number[];
  file: string;
  /** Absolute offset of the first element in `file`. */
  byteOffset: number;
  byteLength: number;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** Values per row: the last dimensions folded (a 1-D tensor is one row). */
export function rowLength(shape: readonly number[]): number {
  return shape.length <= 1 ? (shape[0] ?? 1) : elementCount(shape.slice(1));
}
