/**
 * The projector GGUF: XComposer2's CLIP ViT tower and its two-layer `vision_proj` as llama.cpp's
 * clip "mlp" projector (the LLaVA-1.5 graph: mm.0, GELU, mm.2).
 *
 * Faithful to the reference (build_mlp.py): features of the LAST encoder layer (llama.cpp's MLP
 * graph stops one layer short unless `clip.vision.feature_layer` names the last one), patch
 * tokens only (llama.cpp drops the class token for this projector), and no post-layernorm, so
 * `post_layernorm` is left out of the file (llama.cpp applies `v.post_ln` whenever present).
 * Activation: OpenAI CLIP's quick GELU (llama.cpp's default when neither use_gelu nor use_silu).
 * Position embeddings are resized bicubically when the checkpoint's grid differs from the image size.
 */
import type { GgufTensorSpec, GgufWriteSpec } from '../gguf/gguf-writer';
import { resizeGridBicubic } from './bicubic-resize';
import type { Checkpoint } from './checkpoint-folder';
import type { ConvertType } from './output-types';
import { tensorFromRows, tensorFromValues, type FillContext } from './source-fill';
import { elementCount, type TensorRecord } from './tensor-record';
import { VIT, type VisionShape } from './xcomposer2-tensors';

/** CLIP's preprocessing, as the reference's vis_processor normalises. */
const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073];
const CLIP_STD = [0.26862954, 0.26130258, 0.27577711];
const LAYER_NORM_EPS = 1e-5;

export function projectorGguf(
  checkpoint: Checkpoint,
  vision: VisionShape,
  imageSize: number,
  name: string,
  type: ConvertType,
  context: FillContext,
): GgufWriteSpec {
  const matrixType = type === 'f32' ? 'F32' : 'F16';
  const source = (tensor: string): TensorRecord => checkpoint.tensors.get(`${tensor}`)!;
  const matrix = (gguf: string, from: string): GgufTensorSpec => tensorFromRows(context, gguf, matrixType, source(from));
  const vector = (gguf: string, from: string): GgufTensorSpec => tensorFromRows(context, gguf, 'F32', source(from));
  const grid = imageSize / vision.patchSize;
  const tensors: GgufTensorSpec[] = [
    vector('v.class_embd', `${VIT}embeddings.class_embedding`),
    matrix('v.patch_embd.weight', `${VIT}embeddings.patch_embedding.weight`),
    positionEmbeddings(checkpoint, vision, grid, context),
    vector('v.pre_ln.weight', `${VIT}pre_layrnorm.weight`),
    vector('v.pre_ln.bias', `${VIT}pre_layrnorm.bias`),
  ];
  for (let i = 0; i < vision.layerCount; i++) {
    const from = `${VIT}encoder.layers.${i}.`;
    const to = `v.blk.${i}.`;
    for (const [proj, gguf] of [
      ['q_proj', 'attn_q'],
      ['k_proj', 'attn_k'],
      ['v_proj', 'attn_v'],
      ['out_proj', 'attn_out'],
    ]) {
      tensors.push(
        matrix(`${to}${gguf}.weight`, `${from}self_attn.${proj}.weight`),
        vector(`${to}${gguf}.bias`, `${from}self_attn.${proj}.bias`),
      );
    }
    for (const [norm, gguf] of [
      ['layer_norm1', 'ln1'],
      ['layer_norm2', 'ln2'],
    ]) {
      tensors.push(vector(`${to}${gguf}.weight`, `${from}${norm}.weight`), vector(`${to}${gguf}.bias`, `${from}${norm}.bias`));
    }
    tensors.push(
      matrix(`${to}ffn_up.weight`, `${from}mlp.fc1.weight`),
      vector(`${to}ffn_up.bias`, `${from}mlp.fc1.bias`),
      matrix(`${to}ffn_down.weight`, `${from}mlp.fc2.weight`),
      vector(`${to}ffn_down.bias`, `${from}mlp.fc2.bias`),
    );
  }
  tensors.push(
    matrix('mm.0.weight', 'vision_proj.0.weight'),
    vector('mm.0.bias', 'vision_proj.0.bias'),
    matrix('mm.2.weight', 'vision_proj.2.weight'),
    vector('mm.2.bias', 'vision_proj.2.bias'),
  );
  return {
    metadata: [
      { key: 'general.architecture', type: 'string', value: 'clip' },
      { key: 'general.name', type: 'string', value: `${name} vision` },
      { key: 'general.file_type', type: 'u32', value: type === 'f32' ? 0 : 1 },
      { key: 'clip.has_vision_encoder', type: 'bool', value: true },
      { key: 'clip.has_text_encoder', type: 'bool', value: false },
      { key: 'clip.projector_type', type: 'string', value: 'mlp' },
      { key: 'clip.vision.image_size', type: 'u32', value: imageSize },
      { key: 'clip.vision.patch_size', type: 'u32', value: vision.patchSize },
      { key: 'clip.vision.embedding_length', type: 'u32', value: vision.width },
      { key: 'clip.vision.feed_forward_length', type: 'u32', value: vision.feedForward },
      { key: 'clip.vision.block_count', type: 'u32', value: vision.layerCount },
      { key: 'clip.vision.projection_dim', type: 'u32', value: checkpoint.config.hiddenSize },
      { key: 'clip.vision.attention.head_count', type: 'u32', value: vision.headCount },
      { key: 'clip.vision.attention.layer_norm_epsilon', type: 'f32', value: LAYER_NORM_EPS },
      { key: 'clip.vision.image_mean', type: 'array', itemType: 'f32', value: CLIP_MEAN },
      { key: 'clip.vision.image_std', type: 'array', itemType: 'f32', value: CLIP_STD },
      // All blocks run and the last one's output is the feature (XComposer2: select_layer -1).
      { key: 'clip.vision.feature_layer', type: 'array', itemType: 'i32', value: [vision.layerCount] },
    ],
    tensors,
  };
}

function positionEmbeddings(checkpoint: Checkpoint, vision: VisionShape, grid: number, context: FillContext): GgufTensorSpec {
  const record = checkpoint.tensors.get(`${VIT}embeddings.position_embedding.weight`)!;
  const width = vision.width;
  if (vision.storedGrid === grid) return tensorFromRows(context, 'v.position_embd.weight', 'F32', record);
  // Small (a few MB at most): read whole, keep the class token's row, resize the patch grid.
  const table = new Float32Array(elementCount(record.shape));
  context.rows.read(record, 0, record.shape[0]!, table);
  const resized = resizeGridBicubic(table.subarray(width), vision.storedGrid, grid, width);
  const out = new Float32Array((grid * grid + 1) * width);
  out.set(table.subarray(0, width));
  out.set(resized, width);
  return tensorFromValues(context, 'v.position_embd.weight', 'F32', [width, grid * grid + 1], out);
}
