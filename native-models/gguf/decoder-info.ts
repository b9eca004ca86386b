/**
 * Inspects a language-model (decoder) GGUF: checks it is a complete file of an architecture
 * llama.cpp can run, and returns what the app and the fit estimate need to know about it.
 */
import path from 'node:path';
import { ModelError } from '../errors';
import { quantizationName } from './file-type';
import { metaArrayLength, metaNumber, metaString } from './gguf-metadata';
import { readGgufHeader, type GgufHeader } from './gguf-reader';
import { DECODER_ARCHITECTURES, NON_GENERATING_ARCHITECTURES, PROJECTOR_ARCHITECTURE } from './known-architectures';
import { optionalPositive, requirePositive } from './required-metadata';
import { checkTensorBounds, declaredDataBytes } from './tensor-bounds';
import { checkVocabulary } from './check-vocabulary';

export interface DecoderInfo {
  path: string;
  fileName: string;
  fileSize: number;
  architecture: string;
  /** `general.name`, or the file name when the file does not say. */
  name: string;
  embeddingLength: number;
  blockCount: number;
  headCount: number;
  headCountKv: number;
  /** Width of one attention head's keys (and values, for the KV cache estimate). */
  headDim: number;
  contextLength: number;
  vocabSize: number;
  feedForwardLength?: number;
  /** `general.file_type`, when present. */
  fileType?: number;
  /** Readable quantization, e.g. `Q8_0` or `Q4_K_M`. */
  quantization: string;
  /** Bytes of tensor data (what loading the weights costs). */
  weightsBytes: number;
  hasChatTemplate: boolean;
  chatTemplate?: string;
}

export async function inspectDecoder(filePath: string): Promise<DecoderInfo> {
  const header = await readGgufHeader(filePath);
  checkTensorBounds(header);
  const architecture = decoderArchitecture(header);
  checkVocabulary(header);
  return describeDecoder(header, architecture);
}

function decoderArchitecture(header: GgufHeader): string {
  const fileName = path.basename(header.path);
  const architecture = metaString(header.metadata, 'general.architecture');
  if (!architecture) {
    throw new ModelError(
      'unknown-architecture',
      `This model file does not say what kind of model it is, so Folio cannot run it: ${fileName}`,
      `${header.path}: general.architecture is missing`,
    );
  }
  if (architecture === PROJECTOR_ARCHITECTURE) {
    throw new ModelError(
      'not-a-decoder',
      `This file is a vision projector, not a language model: ${fileName}. Choose it as the vision projector, and choose the language model file as the model.`,
      `${header.path}: general.architecture = clip`,
    );
  }
  if (NON_GENERATING_ARCHITECTURES.has(architecture)) {
    throw new ModelError(
      'not-a-decoder',
      `This file is an embedding or encoder model (${architecture}), not a language model that writes text: ${fileName}`,
      `${header.path}: general.architecture = ${architecture}`,
    );
  }
  if (!DECODER_ARCHITECTURES.has(architecture)) {
    throw new ModelError(
      'unknown-architecture',
      `Folio cannot run models of the "${architecture}" architecture: ${fileName}. Choose a model llama.cpp supports, such as InternLM2, Llama, Qwen or Gemma.`,
      `${header.path}: general.architecture = ${architecture} is not in the known llama.cpp architectures`,
    );
  }
  return architecture;
}

function describeDecoder(header: GgufHeader, architecture: string): DecoderInfo {
  const key = (name: string) => `${architecture}.${name}`;
  const embeddingLength = requirePositive(header, key('embedding_length'));
  const blockCount = requirePositive(header, key('block_count'));
  const headCount = requirePositive(header, key('attention.head_count'));
  const headCountKv = optionalPositive(header, key('attention.head_count_kv')) ?? headCount;
  const headDim = optionalPositive(header, key('attention.key_length')) ?? embeddingLength / headCount;
  const tokenEmbedding = header.tensors.find((t) => t.name === 'token_embd.weight');
  const vocabSize =
    metaArrayLength(header.metadata, 'tokenizer.ggml.tokens') ??
    optionalPositive(header, key('vocab_size')) ??
    tokenEmbedding?.dims[1] ??
    0;
  const chatTemplate = metaString(header.metadata, 'tokenizer.chat_template');
  const fileType = metaNumber(header.metadata, 'general.file_type');
  return {
    path: header.path,
    fileName: path.basename(header.path),
    fileSize: header.fileSize,
    architecture,
    name: metaString(header.metadata, 'general.name') || path.basename(header.path, path.extname(header.path)),
    embeddingLength,
    blockCount,
    headCount,
    headCountKv,
    headDim,
    contextLength: requirePositive(header, key('context_length')),
    vocabSize,
    feedForwardLength: optionalPositive(header, key('feed_forward_length')),
    ...(fileType === undefined ? {} : { fileType }),
    quantization: quantizationName(fileType, header.tensors),
    weightsBytes: declaredDataBytes(header),
    hasChatTemplate: Boolean(chatTemplate),
    ...(chatTemplate ? { chatTemplate } : {}),
  };
}
