import type { DecoderInfo } from '../../gguf/decoder-info';
import { kvCacheBytes } from '../../gguf/kv-cache-bytes';

/**
 * How much host memory llama-server may keep earlier prompts' KV in (its --cache-ram, MiB): one
 * context's worth, keys and values for every layer and position at the cache's precision (f16,
 * or f32 at full precision). A composition asks for its title, choice and caption in turn, each
 * sharing the article with the same step of the figure before; with one slot, each answer threw
 * away the one before it, and the next figure evaluated the article again. Restored from here,
 * it is copied back instead (bench:compose: the second figure's title and caption reuse the
 * article). One context bounds it to the few prompts of a figure's steps. The memory fit
 * estimate counts it (fit-estimate.ts, promptCache).
 */
export function promptCacheMiB(
  decoder: Pick<DecoderInfo, 'blockCount' | 'headCountKv' | 'headDim'>,
  contextSize: number,
  fullPrecision: boolean,
): number {
  return Math.max(1, Math.ceil(kvCacheBytes(decoder, contextSize, fullPrecision) / 2 ** 20));
}
