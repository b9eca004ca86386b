/**
 * ggml tensor types as GGUF stores them: the numeric id, and how many bytes a block of
 * values takes. The reader needs the sizes to check that every tensor lies inside the file
 * without reading the tensor data; the writer needs them to lay the data section out.
 *
 * Sizes follow ggml's `type_traits` (ggml/src/ggml.c and ggml-common.h). Types missing here
 * (newer ones, or ids llama.cpp has removed) are reported with an unknown size, and callers
 * treat them conservatively instead of guessing.
 */

export interface GgmlTypeTraits {
  readonly id: number;
  readonly name: string;
  /** Values per block (1 for plain float/int types). */
  readonly blockSize: number;
  /** Bytes per block. */
  readonly typeSize: number;
}

const TRAITS: readonly GgmlTypeTraits[] = [
  { id: 0, name: 'F32', blockSize: 1, typeSize: 4 },
  { id: 1, name: 'F16', blockSize: 1, typeSize: 2 },
  { id: 2, name: 'Q4_0', blockSize: 32, typeSize: 18 },
  { id: 3, name: 'Q4_1', blockSize: 32, typeSize: 20 },
  { id: 6, name: 'Q5_0', blockSize: 32, typeSize: 22 },
  { id: 7, name: 'Q5_1', blockSize: 32, typeSize: 24 },
  { id: 8, name: 'Q8_0', blockSize: 32, typeSize: 34 },
  { id: 9, name: 'Q8_1', blockSize: 32, typeSize: 36 },
  { id: 10, name: 'Q2_K', blockSize: 256, typeSize: 84 },
  { id: 11, name: 'Q3_K', blockSize: 256, typeSize: 110 },
  { id: 12, name: 'Q4_K', blockSize: 256, typeSize: 144 },
  { id: 13, name: 'Q5_K', blockSize: 256, typeSize: 176 },
  { id: 14, name: 'Q6_K', blockSize: 256, typeSize: 210 },
  { id: 15, name: 'Q8_K', blockSize: 256, typeSize: 292 },
  { id: 16, name: 'IQ2_XXS', blockSize: 256, typeSize: 66 },
  { id: 17, name: 'IQ2_XS', blockSize: 256, typeSize: 74 },
  { id: 18, name: 'IQ3_XXS', blockSize: 256, typeSize: 98 },
  { id: 19, name: 'IQ1_S', blockSize: 256, typeSize: 50 },
  { id: 20, name: 'IQ4_NL', blockSize: 32, typeSize: 18 },
  { id: 21, name: 'IQ3_S', blockSize: 256, typeSize: 110 },
  { id: 22, name: 'IQ2_S', blockSize: 256, typeSize: 82 },
  { id: 23, name: 'IQ4_XS', blockSize: 256, typeSize: 136 },
  { id: 24, name: 'I8', blockSize: 1, typeSize: 1 },
  { id: 25, name: 'I16', blockSize: 1, typeSize: 2 },
  { id: 26, name: 'I32', blockSize: 1, typeSize: 4 },
  { id: 27, name: 'I64', blockSize: 1, typeSize: 8 },
  { id: 28, name: 'F64', blockSize: 1, typeSize: 8 },
  { id: 29, name: 'IQ1_M', blockSize: 256, typeSize: 56 },
  { id: 30, name: 'BF16', blockSize: 1, typeSize: 2 },
  { id: 34, name: 'TQ1_0', blockSize: 256, typeSize: 54 },
  { id: 35, name: 'TQ2_0', blockSize: 256, typeSize: 66 },
  { id: 39, name: 'MXFP4', blockSize: 32, typeSize: 17 },
];

/** Ids ggml knows but whose block layout this table does not pin down (sizes unknown). */
const NAMES_WITHOUT_SIZE: ReadonlyMap<number, string> = new Map([
  [40, 'NVFP4'],
  [41, 'Q1_0'],
  [42, 'Q2_0'],
]);

const BY_ID = new Map(TRAITS.map((t) => [t.id, t]));
const BY_NAME = new Map(TRAITS.map((t) => [t.name, t]));

export function ggmlTypeByName(name: string): GgmlTypeTraits | undefined {
  return BY_NAME.get(name);
}

/** A readable name for any id, e.g. `Q8_0` or `type 99` for ids nobody knows. */
export function ggmlTypeName(id: number): string {
  return BY_ID.get(id)?.name ?? NAMES_WITHOUT_SIZE.get(id) ?? `type ${id}`;
}

/**
 * Bytes a tensor of `elementCount` values takes, or undefined when the type's layout is
 * unknown or the row length does not divide into whole blocks (a corrupt file).
 */
export function ggmlTensorBytes(typeId: number, dims: readonly number[]): number | undefined {
  const traits = BY_ID.get(typeId);
  if (!traits) return undefined;
  const rowLength = dims[0] ?? 1;
  if (rowLength % traits.blockSize !== 0) return undefined;
  let elements = 1;
  for (const d of dims) elements *= d;
  return (elements / traits.blockSize) * traits.typeSize;
}
