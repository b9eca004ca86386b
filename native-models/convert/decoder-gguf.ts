/**
 * The decoder GGUF: llama.cpp's `internlm2` architecture from the checkpoint's language model,
 * wqkv split into q/k/v as llama.cpp's InternLM2 conversion does (wqkv-split.ts).
 */
import type { GgufMetadataEntry, GgufTensorSpec, GgufWriteSpec } from '../gguf/gguf-writer';
import type { Checkpoint } from './checkpoint-folder';
import type { DecoderVocabulary } from './decoder-vocabulary';
import { FILE_TYPE, matrixType, type ConvertType } from './output-types';
import { tensorFromRows, type FillContext } from './source-fill';
import { rowLength, type TensorRecord } from './tensor-record';
import { splitRowMaps } from './wqkv-split';

/** Decoder tensor names: checkpoint name (block-relative) to GGUF name. */
const BLOCK_TENSORS: ReadonlyArray<[string, string]> = [
  ['attention_norm.weight', 'attn_norm.weight'],
  ['attention.wo.weight', 'attn_output.weight'],
  ['ffn_norm.weight', 'ffn_norm.weight'],
  ['feed_forward.w1.weight', 'ffn_gate.weight'],
  ['feed_forward.w3.weight', 'ffn_up.weight'],
  ['feed_forward.w2.weight', 'ffn_down.weight'],
];

export function decoderGguf(
  checkpoint: Checkpoint,
  vocabulary: DecoderVocabulary,
  type: ConvertType,
  name: string,
  context: FillContext,
): GgufWriteSpec {
  const c = checkpoint.config;
  const metadata: GgufMetadataEntry[] = [
    { key: 'general.architecture', type: 'string', value: 'internlm2' },
    { key: 'general.name', type: 'string', value: name },
    { key: 'general.file_type', type: 'u32', value: FILE_TYPE[type] },
    { key: 'internlm2.context_length', type: 'u32', value: c.contextLength },
    { key: 'internlm2.embedding_length', type: 'u32', value: c.hiddenSize },
    { key: 'internlm2.block_count', type: 'u32', value: c.layerCount },
    { key: 'internlm2.feed_forward_length', type: 'u32', value: c.intermediateSize },
    { key: 'internlm2.attention.head_count', type: 'u32', value: c.headCount },
    { key: 'internlm2.attention.head_count_kv', type: 'u32', value: c.kvHeadCount },
    { key: 'internlm2.rope.dimension_count', type: 'u32', value: c.headDim },
    { key: 'internlm2.rope.freq_base', type: 'f32', value: c.ropeTheta },
    { key: 'internlm2.attention.layer_norm_rms_epsilon', type: 'f32', value: c.rmsNormEps },
    { key: 'internlm2.vocab_size', type: 'u32', value: c.vocabSize },
    ...vocabulary.metadata,
  ];
  const source = (tensor: string): TensorRecord => checkpoint.tensors.get(tensor)!;
  const tensor = (ggufName: string, record: TensorRecord): GgufTensorSpec =>
    tensorFromRows(context, ggufName, record.shape.length === 1 ? 'F32' : matrixType(type, rowLength(record.shape)), record);
  const tensors: GgufTensorSpec[] = [tensor('token_embd.weight', source('model.tok_embeddings.weight'))];
  const maps = splitRowMaps(c);
  const kvRows = c.kvHeadCount * c.headDim;
  for (let i = 0; i < c.layerCount; i++) {
    const wqkv = source(`model.layers.${i}.attention.wqkv.weight`);
    const qkvType = matrixType(type, c.hiddenSize);
    tensors.push(
      tensorFromRows(context, `blk.${i}.attn_q.weight`, qkvType, wqkv, { rowMap: maps.q, rowCount: c.hiddenSize }),
      tensorFromRows(context, `blk.${i}.attn_k.weight`, qkvType, wqkv, { rowMap: maps.k, rowCount: kvRows }),
      tensorFromRows(context, `blk.${i}.attn_v.weight`, qkvType, wqkv, { rowMap: maps.v, rowCount: kvRows }),
    );
    for (const [from, to] of BLOCK_TENSORS) tensors.push(tensor(`blk.${i}.${to}`, source(`model.layers.${i}.${from}`)));
  }
  tensors.push(tensor('output_norm.weight', source('model.norm.weight')), tensor('output.weight', source('output.weight')));
  return { metadata, tensors };
}
