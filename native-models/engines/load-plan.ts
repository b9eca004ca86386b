import type { EngineInfo, EngineKind, LoadOptions } from './engine';

/** Folio's default conversation length (the ask and compose default), unless the model knows less. */
export const DEFAULT_CONTEXT_SIZE = 4096;

/** An embedding reads one passage at a time: a longer context would only hold memory. */
const EMBEDDING_CONTEXT_LIMIT = 2048;

/** What a decoder's header says that a load is planned by. */
export interface DecoderShape {
  /** The context the model was trained for; 0 when the header does not say. */
  contextLength: number;
  blockCount: number;
}

/** How every local engine loads a model, decided once from the options and the decoder. */
export interface LoadPlan {
  /** The context asked for, never more than the model was trained for. */
  contextSize: number;
  /** The decoder's blocks plus the output layer. */
  totalLayers: number;
  /** What the binding is asked to offload: nothing on the processor, else the writer's number or 'max'. */
  offload: number | 'max';
  /** `offload` in layers. */
  gpuLayers: number;
}

/** `onProcessor`: the backend chosen (or found) is the CPU, where no layer can be offloaded. */
export function planLoad(options: LoadOptions, decoder: DecoderShape, onProcessor: boolean): LoadPlan {
  const totalLayers = decoder.blockCount + 1;
  const offload = onProcessor ? 0 : (options.gpuLayers ?? 'max');
  return {
    contextSize: Math.min(options.contextSize ?? DEFAULT_CONTEXT_SIZE, decoder.contextLength || DEFAULT_CONTEXT_SIZE),
    totalLayers,
    offload,
    gpuLayers: offload === 'max' ? totalLayers : offload,
  };
}

export function embeddingContextSize(contextSize: number): number {
  return Math.min(contextSize, EMBEDDING_CONTEXT_LIMIT);
}

/** What the engine found as it loaded; the rest of EngineInfo comes from the options. */
export type LoadedRuntime = Pick<
  EngineInfo,
  'backend' | 'devices' | 'gpuLayers' | 'totalLayers' | 'contextSize' | 'threads' | 'vision' | 'modelName'
> &
  Partial<Pick<EngineInfo, 'cpuVariant' | 'backendNote' | 'threadsNote'>>;

/** The EngineInfo every engine reports: the files it was given, and embeddings that work. */
export function loadedEngineInfo(
  engine: EngineKind,
  options: Pick<LoadOptions, 'decoderPath' | 'projectorPath' | 'imageAdapterPath' | 'fullPrecision'>,
  runtime: LoadedRuntime,
): EngineInfo {
  return {
    engine,
    ...runtime,
    decoderPath: options.decoderPath,
    projectorPath: options.projectorPath ?? null,
    ...(options.imageAdapterPath ? { imageAdapterPath: options.imageAdapterPath } : {}),
    // node-llama-cpp has no switch for its KV cache type: it keeps its defaults and says nothing.
    ...(options.fullPrecision && engine !== 'node-llama-cpp' && engine !== 'openai-compatible' ? { fullPrecision: true as const } : {}),
    embeddings: true,
  };
}
