/**
 * Validates a language model and its optional vision projector before any native binding
 * sees them: the bindings crash or log cryptic lines on bad input, while this returns typed
 * errors a writer can act on. Pure JS and header-only, so it is cheap to run on every load.
 */
import { ModelError } from '../errors';
import { inspectDecoder, type DecoderInfo } from './decoder-info';
import { estimateFit, type FitEstimate, type MemoryAvailable } from './fit-estimate';
import { inspectProjector, type ProjectorInfo } from './projector-info';
import { readSystemMemory } from './system-memory';

export interface ModelPairPaths {
  decoder: string;
  projector?: string;
}

export interface ValidateModelOptions {
  /** Also estimate memory use and refuse a pair that clearly cannot fit ('does-not-fit'). */
  checkFit?: {
    contextSize: number;
    gpuLayers?: number;
    /** See FitRequest: the KV cache's precision, and whether the engine keeps a prompt cache. */
    fullPrecision?: boolean;
    promptCache?: boolean;
    /** @default the machine's current memory (readSystemMemory) */
    memory?: MemoryAvailable;
  };
}

export interface ValidatedModelPair {
  decoder: DecoderInfo;
  projector?: ProjectorInfo;
  fit?: FitEstimate;
}

export async function validateModelPair(paths: ModelPairPaths, options: ValidateModelOptions = {}): Promise<ValidatedModelPair> {
  const decoder = await inspectDecoder(paths.decoder);
  const projector = paths.projector ? await inspectProjector(paths.projector) : undefined;
  if (projector) checkProjectorMatches(decoder, projector);

  if (!options.checkFit) return { decoder, ...(projector ? { projector } : {}) };
  const { memory, ...request } = options.checkFit;
  const { contextSize, gpuLayers } = request;
  const fit = estimateFit({ decoder, ...(projector ? { projector } : {}), ...request }, memory ?? (await readSystemMemory()));
  if (fit.clearlyTooBig) {
    throw new ModelError(
      'does-not-fit',
      `${decoder.name} is too big for this computer's memory. ${fit.summary}`,
      JSON.stringify({ contextSize, gpuLayers, ...fit, summary: undefined }),
    );
  }
  return { decoder, ...(projector ? { projector } : {}), fit };
}

/** llama.cpp refuses a pair whose projector output width differs from the model's embedding width. */
function checkProjectorMatches(decoder: DecoderInfo, projector: ProjectorInfo): void {
  if (projector.projectionDim === undefined || projector.projectionDim === decoder.embeddingLength) return;
  throw new ModelError(
    'projector-mismatch',
    `The vision projector does not belong to this model: it produces ${projector.projectionDim}-wide embeddings, the model expects ${decoder.embeddingLength}.`,
    `${projector.path} (projection_dim ${projector.projectionDim}) with ${decoder.path} (${decoder.architecture}.embedding_length ${decoder.embeddingLength})`,
  );
}
