/**
 * Which ggml type each converted tensor gets (f32 exists for exact comparisons with a reference). Norms, biases and embeddings tables of the vision
 * tower stay F32 (as llama.cpp's converters keep 1-D tensors); Q8_0 needs rows of whole 32-value
 * blocks, and a matrix whose rows are shorter or uneven falls back to F16.
 */
import type { GgufTensorType } from '../gguf/gguf-layout';

export type ConvertType = 'f32' | 'f16' | 'q8_0';

/**
 * What `folio convert --type` offers: the types written here, and q4_k_m, which llama.cpp's own
 * quantizer (llama-quantize, built with the engine) makes from an f16 decoder.
 */
export type OutputType = ConvertType | 'q4_k_m';

export const CONVERT_TYPES: readonly OutputType[] = ['f32', 'f16', 'q8_0', 'q4_k_m'];

/** llama.cpp's `general.file_type` (llama_ftype): ALL_F32 = 0, MOSTLY_F16 = 1, MOSTLY_Q8_0 = 7. */
export const FILE_TYPE: Record<ConvertType, number> = { f32: 0, f16: 1, q8_0: 7 };

export function matrixType(type: ConvertType, rowLength: number): GgufTensorType {
  if (type === 'f32') return 'F32';
  return type === 'q8_0' && rowLength % 32 === 0 ? 'Q8_0' : 'F16';
}
