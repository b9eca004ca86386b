/**
 * Inspects a vision projector (mmproj) GGUF: checks it is a complete `clip` file with a
 * vision encoder of a type llama.cpp's mtmd understands, and returns its shape.
 */
import path from 'node:path';
import { ModelError } from '../errors';
import { quantizationName } from './file-type';
import { metaBool, metaNumber, metaNumberArray, metaString } from './gguf-metadata';
import { readGgufHeader, type GgufHeader } from './gguf-reader';
import { PROJECTOR_ARCHITECTURE, PROJECTOR_TYPES } from './known-architectures';
import { optionalPositive, requirePositive } from './required-metadata';
import { checkTensorBounds, declaredDataBytes } from './tensor-bounds';
import { estimateImageTokens } from './image-tokens';

export interface ProjectorInfo {
  path: string;
  fileName: string;
  fileSize: number;
  name: string;
  /** `clip.projector_type`, e.g. `internvl`. */
  projectorType: string;
  imageSize: number;
  patchSize: number;
  /** Width of the vision encoder. */
  embeddingLength: number;
  feedForwardLength?: number;
  blockCount: number;
  headCount: number;
  /** Width of the embeddings handed to the language model; must equal its embedding length. */
  projectionDim: number | undefined;
  scaleFactor?: number;
  /** Rough number of context tokens one image (one tile) takes. */
  tokensPerImage: number;
  fileType?: number;
  quantization: string;
  weightsBytes: number;
  imageMean?: number[];
  imageStd?: number[];
}

export async function inspectProjector(filePath: string): Promise<ProjectorInfo> {
  const header = await readGgufHeader(filePath);
  checkTensorBounds(header);
  const projectorType = checkProjector(header);
  return describeProjector(header, projectorType);
}

function checkProjector(header: GgufHeader): string {
  const fileName = path.basename(header.path);
  const architecture = metaString(header.metadata, 'general.architecture');
  if (architecture !== PROJECTOR_ARCHITECTURE) {
    throw new ModelError(
      'not-a-projector',
      `This file is a language model, not a vision projector: ${fileName}. Choose it as the model, and choose the matching mmproj file as the vision projector.`,
      `${header.path}: general.architecture = ${architecture ?? '(missing)'}`,
    );
  }
  if (metaBool(header.metadata, 'clip.has_vision_encoder') !== true) {
    throw new ModelError(
      'not-a-projector',
      `This projector cannot read images (it has no vision encoder): ${fileName}`,
      `${header.path}: clip.has_vision_encoder is not true`,
    );
  }
  // Files holding vision and audio name the vision projector separately; old llava files name none (mlp).
  const projectorType =
    metaString(header.metadata, 'clip.vision.projector_type') ?? metaString(header.metadata, 'clip.projector_type') ?? 'mlp';
  if (!PROJECTOR_TYPES.has(projectorType)) {
    throw new ModelError(
      'unknown-projector-type',
      `Folio cannot use vision projectors of type "${projectorType}": ${fileName}`,
      `${header.path}: projector type ${projectorType} is not one llama.cpp's mtmd knows`,
    );
  }
  return projectorType;
}

function describeProjector(header: GgufHeader, projectorType: string): ProjectorInfo {
  const m = header.metadata;
  const imageSize = requirePositive(header, 'clip.vision.image_size');
  const patchSize = requirePositive(header, 'clip.vision.patch_size');
  const scaleFactor = optionalPositive(header, 'clip.vision.projector.scale_factor');
  const fileType = metaNumber(m, 'general.file_type');
  const imageMean = metaNumberArray(m, 'clip.vision.image_mean');
  const imageStd = metaNumberArray(m, 'clip.vision.image_std');
  return {
    path: header.path,
    fileName: path.basename(header.path),
    fileSize: header.fileSize,
    name: metaString(m, 'general.name') || path.basename(header.path, path.extname(header.path)),
    projectorType,
    imageSize,
    patchSize,
    embeddingLength: requirePositive(header, 'clip.vision.embedding_length'),
    feedForwardLength: optionalPositive(header, 'clip.vision.feed_forward_length'),
    blockCount: requirePositive(header, 'clip.vision.block_count'),
    headCount: requirePositive(header, 'clip.vision.attention.head_count'),
    projectionDim: optionalPositive(header, 'clip.vision.projection_dim') ?? projectionDimFromTensors(header),
    ...(scaleFactor === undefined ? {} : { scaleFactor }),
    tokensPerImage: estimateImageTokens(projectorType, header),
    ...(fileType === undefined ? {} : { fileType }),
    quantization: quantizationName(fileType, header.tensors),
    weightsBytes: declaredDataBytes(header),
    ...(imageMean ? { imageMean } : {}),
    ...(imageStd ? { imageStd } : {}),
  };
}

/** Older files omit projection_dim; the last projector layer's output width says the same. */
function projectionDimFromTensors(header: GgufHeader): number | undefined {
  for (const name of ['mm.model.mlp.3.weight', 'mm.2.weight']) {
    const tensor = header.tensors.find((t) => t.name === name);
    if (tensor?.dims[1]) return tensor.dims[1];
  }
  return undefined;
}
