import type { DecoderInfo } from './decoder-info';

/**
 * One context's keys and values: 2 x layers x positions x kv heads x head dim, f16 (2 bytes a
 * value) as llama.cpp allocates by default, f32 (4) at full precision. The KV cache a model
 * loads with, and what llama-server keeps of earlier prompts in host memory (its --cache-ram).
 */
export function kvCacheBytes(
  decoder: Pick<DecoderInfo, 'blockCount' | 'headCountKv' | 'headDim'>,
  contextSize: number,
  fullPrecision = false,
): number {
  return 2 * decoder.blockCount * contextSize * decoder.headCountKv * decoder.headDim * (fullPrecision ? 4 : 2);
}
