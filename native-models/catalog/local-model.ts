/**
 * "Use files I have": checks any decoder (and projector) the writer picks with the model
 * layer's validation and memory estimate, and returns what the model setup screen shows, or
 * the typed error to show instead. Too big for this computer is a warning, not an error: the
 * writer may close other apps, or shorten the context, and try.
 */
import { toErrorPayload, type ModelErrorPayload } from '../errors';
import { formatBytes } from '../format/format-bytes';
import { estimateFit, type FitEstimate, type MemoryAvailable } from '../gguf/fit-estimate';
import { readSystemMemory } from '../gguf/system-memory';
import { validateModelPair, type ModelPairPaths, type ValidatedModelPair } from '../gguf/validate-model';
import { DEFAULT_CONTEXT_SIZE } from '../engines/load-plan';

export interface LocalModelSummary {
  name: string;
  architecture: string;
  quantization: string;
  decoder: { path: string; fileName: string; bytes: number; size: string; contextLength: number; hasChatTemplate: boolean };
  projector?: { path: string; fileName: string; bytes: number; size: string; projectorType: string; tokensPerImage: number };
  /** Without a projector the model cannot look at pictures (ask about images, choose figures). */
  seesImages: boolean;
  fit: FitEstimate;
  /** False when the estimate says loading would fail or thrash; show `fit.summary` as a warning. */
  fitsThisComputer: boolean;
}

export type LocalModelCheck =
  { ok: true; model: LocalModelSummary; validated: ValidatedModelPair } | { ok: false; error: ModelErrorPayload };

export interface CheckLocalModelOptions {
  contextSize?: number;
  gpuLayers?: number;
  /** @default the machine's memory now */
  memory?: MemoryAvailable;
}

export async function checkLocalModel(paths: ModelPairPaths, options: CheckLocalModelOptions = {}): Promise<LocalModelCheck> {
  let validated: ValidatedModelPair;
  try {
    validated = await validateModelPair(paths);
  } catch (error) {
    return { ok: false, error: toErrorPayload(error) };
  }
  const { decoder, projector } = validated;
  const fit = estimateFit(
    {
      decoder,
      ...(projector ? { projector } : {}),
      contextSize: options.contextSize ?? DEFAULT_CONTEXT_SIZE,
      ...(options.gpuLayers === undefined ? {} : { gpuLayers: options.gpuLayers }),
    },
    options.memory ?? (await readSystemMemory()),
  );
  const model: LocalModelSummary = {
    name: decoder.name,
    architecture: decoder.architecture,
    quantization: decoder.quantization,
    decoder: {
      path: decoder.path,
      fileName: decoder.fileName,
      bytes: decoder.fileSize,
      size: formatBytes(decoder.fileSize),
      contextLength: decoder.contextLength,
      hasChatTemplate: decoder.hasChatTemplate,
    },
    ...(projector
      ? {
          projector: {
            path: projector.path,
            fileName: projector.fileName,
            bytes: projector.fileSize,
            size: formatBytes(projector.fileSize),
            projectorType: projector.projectorType,
            tokensPerImage: projector.tokensPerImage,
          },
        }
      : {}),
    seesImages: projector !== undefined,
    fit,
    fitsThisComputer: !fit.clearlyTooBig,
  };
  return { ok: true, model, validated };
}
