/**
 * Estimates the memory a model pair needs at a given context size, and whether that fits,
 * so Folio can warn before a load that would swap the machine to a halt or be killed.
 * Numbers follow llama.cpp's allocations: mmapped weights, an f16 KV cache, and a compute
 * buffer sized for a worst-case batch. They are estimates; the summary says "about".
 */
import { formatBytes } from '../format/format-bytes';
import type { DecoderInfo } from './decoder-info';
import { kvCacheBytes as contextKvBytes } from './kv-cache-bytes';
import type { ProjectorInfo } from './projector-info';
import type { SystemMemory } from './system-memory';

export interface FitRequest {
  decoder: Pick<
    DecoderInfo,
    'weightsBytes' | 'blockCount' | 'headCount' | 'headCountKv' | 'headDim' | 'embeddingLength' | 'vocabSize' | 'feedForwardLength'
  >;
  projector?: Pick<ProjectorInfo, 'weightsBytes' | 'imageSize' | 'patchSize' | 'embeddingLength' | 'headCount'>;
  contextSize: number;
  /** Decoder layers offloaded to the GPU (the output layer counts as one more). @default 0 */
  gpuLayers?: number;
  /** Tokens evaluated per step (llama.cpp's n_ubatch). @default 512 */
  batchSize?: number;
  /** Float32 KV cache (LoadOptions.fullPrecision): twice the f16 one. @default false */
  fullPrecision?: boolean;
  /**
   * The engine keeps earlier prompts' KV in host memory, one context's worth (llama-server's
   * --cache-ram, prompt-cache-size.ts). @default false
   */
  promptCache?: boolean;
}

export interface MemoryAvailable extends SystemMemory {
  vramFreeBytes?: number;
}

export interface FitEstimate {
  weightsBytes: number;
  kvCacheBytes: number;
  /** Earlier prompts' KV kept in host memory (always RAM, even with layers offloaded); 0 without a prompt cache. */
  promptCacheBytes: number;
  computeBufferBytes: number;
  projectorBytes: number;
  totalBytes: number;
  /** Part of the total that lands in system memory / on the GPU. */
  ramBytes: number;
  vramBytes: number;
  fitsInRam: boolean;
  fitsInVram?: boolean;
  /** Beyond physical memory or far beyond what is free: loading would fail or thrash. */
  clearlyTooBig: boolean;
  summary: string;
}

/** Runtime allocations besides weights, cache and graph (backend buffers, threads, tokenizer). */
const RUNTIME_OVERHEAD_BYTES = 64 * 1024 * 1024;
const F32_BYTES = 4;

export function estimateFit(request: FitRequest, memory: MemoryAvailable): FitEstimate {
  const { decoder, projector, contextSize } = request;
  const batch = Math.min(request.batchSize ?? 512, contextSize);

  const weightsBytes = decoder.weightsBytes;
  const kvCacheBytes = contextKvBytes(decoder, contextSize, request.fullPrecision);
  const promptCacheBytes = request.promptCache ? kvCacheBytes : 0;
  const attentionScores = contextSize * batch * decoder.headCount * F32_BYTES;
  const ff = decoder.feedForwardLength ?? 4 * decoder.embeddingLength;
  const activations = batch * (4 * decoder.embeddingLength + 3 * ff) * F32_BYTES;
  const logits = decoder.vocabSize * batch * F32_BYTES;
  const computeBufferBytes = attentionScores + activations + logits + RUNTIME_OVERHEAD_BYTES;
  const projectorBytes = projector ? projector.weightsBytes + projectorComputeBytes(projector) : 0;
  const totalBytes = weightsBytes + kvCacheBytes + promptCacheBytes + computeBufferBytes + projectorBytes;

  // Offloaded layers take their share of weights and cache to the GPU, with the graph buffers.
  const totalLayers = decoder.blockCount + 1;
  const offloaded = Math.min(Math.max(request.gpuLayers ?? 0, 0), totalLayers);
  const share = offloaded / totalLayers;
  const vramBytes = offloaded > 0 ? Math.round(share * (weightsBytes + kvCacheBytes) + computeBufferBytes + projectorBytes) : 0;
  const ramBytes = totalBytes - vramBytes;

  const fitsInRam = ramBytes <= memory.freeRamBytes;
  const fitsInVram = memory.vramFreeBytes === undefined || offloaded === 0 ? undefined : vramBytes <= memory.vramFreeBytes;
  // mmapped weights can page, so only refuse what can never fit or would thrash badly.
  const clearlyTooBig = ramBytes > memory.totalRamBytes || ramBytes > 2 * memory.freeRamBytes;

  const parts = [
    `model ${formatBytes(weightsBytes)}`,
    ...(projector ? [`image reader ${formatBytes(projectorBytes)}`] : []),
    `conversation memory ${formatBytes(kvCacheBytes)}`,
    ...(promptCacheBytes > 0 ? [`earlier prompts ${formatBytes(promptCacheBytes)}`] : []),
    `working memory ${formatBytes(computeBufferBytes)}`,
  ];
  let summary: string;
  if (ramBytes > memory.totalRamBytes) {
    summary = `Needs about ${formatBytes(ramBytes)} of memory, but this computer has ${formatBytes(memory.totalRamBytes)}. Choose a smaller or more compressed model.`;
  } else if (!fitsInRam) {
    summary = `Needs about ${formatBytes(ramBytes)} of memory, but only ${formatBytes(memory.freeRamBytes)} is free. Close other apps, shorten the context, or choose a smaller model.`;
  } else {
    summary = `Needs about ${formatBytes(totalBytes)} of memory (${parts.join(', ')}); ${formatBytes(memory.freeRamBytes)} is free.`;
  }
  if (offloaded > 0 && memory.vramFreeBytes !== undefined) {
    summary += fitsInVram
      ? ` About ${formatBytes(vramBytes)} of it goes to the graphics card.`
      : ` The graphics card needs about ${formatBytes(vramBytes)} but has ${formatBytes(memory.vramFreeBytes)} free; offload fewer layers.`;
  }
  return {
    weightsBytes,
    kvCacheBytes,
    promptCacheBytes,
    computeBufferBytes,
    projectorBytes,
    totalBytes,
    ramBytes,
    vramBytes,
    fitsInRam,
    ...(fitsInVram === undefined ? {} : { fitsInVram }),
    clearlyTooBig,
    summary,
  };
}

/** Vision encoder activations for one tile: hidden states per layer plus attention scores. */
function projectorComputeBytes(projector: NonNullable<FitRequest['projector']>): number {
  const positions = Math.floor(projector.imageSize / projector.patchSize) ** 2 + 1;
  return positions * projector.embeddingLength * F32_BYTES * 8 + positions * positions * projector.headCount * F32_BYTES;
}
