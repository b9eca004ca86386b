import { ModelError } from '../../errors';

/**
 * Projector types llama.cpp runs through its llava graph (clip.cpp's `clip_graph_llava`: LLaVA-1.5
 * style "mlp" projectors, converted XComposer2 among them, and "ldp", "ldpv2", GLM-Edge's
 * "adapter"). That graph appends CLIP's class token after the patches (llama.cpp #25814), so every
 * patch takes its neighbour's position embedding; Folio's llama-server build carries the fix
 * (llava-class-token-patch.ts), llama.node's prebuilt binaries do not.
 */
const LLAVA_GRAPH = new Set(['mlp', 'ldp', 'ldpv2', 'adapter']);

export function refuseLlavaGraph(projectorType: string | undefined, projectorPath: string | undefined): void {
  if (!projectorType || !LLAVA_GRAPH.has(projectorType)) return;
  throw new ModelError(
    'backend-unavailable',
    "This model's image reader (a LLaVA-style projector) would see every picture slightly wrong in the llama.node engine, whose llama.cpp puts CLIP's class token in the wrong place. Use the llama-server engine (npm run build:llama-server builds it), which carries the fix.",
    `llama-node: projector type ${projectorType} runs llama.cpp's llava graph (llama.cpp #25814): ${projectorPath ?? ''}`,
  );
}
