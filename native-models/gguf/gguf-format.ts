/**
 * The GGUF container format, shared by the reader and the writer.
 * Spec: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md (little-endian throughout).
 */

/** `GGUF` read as a little-endian uint32. */
export const GGUF_MAGIC = 0x46554747;
export const GGUF_VERSION = 3;
export const GGUF_DEFAULT_ALIGNMENT = 32;

/** Metadata value types as stored in the file. */
export const GgufValueType = {
  u8: 0,
  i8: 1,
  u16: 2,
  i16: 3,
  u32: 4,
  i32: 5,
  f32: 6,
  bool: 7,
  string: 8,
  array: 9,
  u64: 10,
  i64: 11,
  f64: 12,
} as const;

export type GgufScalarTypeName = Exclude<keyof typeof GgufValueType, 'array'>;

/** 64-bit integers are bigints so large values survive; everything else maps to plain JS. */
export type GgufScalar = number | bigint | boolean | string;
export type GgufValue = GgufScalar | readonly GgufScalar[];

export type GgufMetadataEntry =
  | { key: string; type: GgufScalarTypeName; value: GgufScalar }
  | { key: string; type: 'array'; itemType: GgufScalarTypeName; value: readonly GgufScalar[] };

const NAME_BY_ID = new Map<number, keyof typeof GgufValueType>(
  Object.entries(GgufValueType).map(([name, id]) => [id, name as keyof typeof GgufValueType]),
);

export function valueTypeName(id: number): keyof typeof GgufValueType | undefined {
  return NAME_BY_ID.get(id);
}

export function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
