/**
 * Estimates how many context tokens one image (one tile at the projector's native size)
 * costs, so the app can budget the context before encoding. It is an estimate: projectors
 * with dynamic resolution (Qwen-VL, Pixtral) or tiling (InternVL) use more for big images.
 */
import { metaNumber } from './gguf-metadata';
import type { GgufHeader } from './gguf-reader';

export function estimateImageTokens(projectorType: string, header: GgufHeader): number {
  const m = header.metadata;
  const imageSize = metaNumber(m, 'clip.vision.image_size') ?? 0;
  const patchSize = metaNumber(m, 'clip.vision.patch_size') ?? 1;
  const patchesPerSide = Math.floor(imageSize / Math.max(patchSize, 1));
  const patches = patchesPerSide * patchesPerSide;
  const scale = metaNumber(m, 'clip.vision.projector.scale_factor');
  const merge = metaNumber(m, 'clip.vision.spatial_merge_size');

  switch (projectorType) {
    case 'gemma3':
      return 256; // pooled to a fixed 16x16 grid
    case 'resampler':
      return metaNumber(m, 'clip.minicpmv_query_num') ?? 64;
    case 'ldp':
    case 'ldpv2':
      return Math.ceil(patches / 4);
    case 'qwen2vl_merger':
    case 'qwen2.5vl_merger':
    case 'qwen3vl_merger':
      return Math.ceil(patches / (merge ?? 2) ** 2);
    default:
      // internvl, idefics3, llama4 (pixel shuffle by scale_factor); mistral-style spatial merge; plain mlp.
      return Math.max(1, Math.ceil(patches / (scale ?? merge ?? 1) ** 2));
  }
}
