/**
 * The tensors an XComposer2 checkpoint must hold, with the shapes config.json implies for the
 * decoder and the vision tower's own tensors imply for it (config.json does not describe the
 * tower). A checkpoint whose tensors disagree is refused before anything is written.
 */
import { checkpointCorrupt, notACheckpoint } from './checkpoint-errors';
import type { Checkpoint } from './checkpoint-folder';
import type { TensorRecord } from './tensor-record';

export const VIT = 'vit.vision_tower.vision_model.';

/** The LoRA-carrying linear layers of each decoder block. */
const PLORA_LAYERS = ['attention.wqkv', 'attention.wo', 'feed_forward.w1', 'feed_forward.w3', 'feed_forward.w2'] as const;

export interface VisionShape {
  width: number;
  feedForward: number;
  layerCount: number;
  patchSize: number;
  /** Patches per side of the stored position table. */
  storedGrid: number;
  headCount: number;
}

export interface XComposer2Shapes {
  vision: VisionShape;
  loraRank: number;
}

/** CLIP ViT heads are 64 wide (ViT-L/14: width 1024, 16 heads). */
const CLIP_HEAD_DIM = 64;

export function checkXComposer2Tensors(checkpoint: Checkpoint): XComposer2Shapes {
  const { tensors, config: c } = checkpoint;
  for (const name of ['plora_glb_GN', 'plora_sub_GN']) {
    if (tensors.has(name))
      throw notACheckpoint(
        'This is an InternLM-XComposer2-4KHD checkpoint; Folio converts internlm-xcomposer2-7b and internlm-xcomposer2-vl-7b.',
      );
  }
  const shapeOf = (name: string): readonly number[] => {
    const record = tensors.get(name);
    if (!record) throw notACheckpoint(`The checkpoint lacks ${name}: it is not a complete InternLM-XComposer2 checkpoint.`);
    return record.shape;
  };
  // config.json's layer count must be the checkpoint's before anything is built from it: a
  // num_hidden_layers of 1,000,000 made a million layers of expectations (2.8 GB, 30 s and more).
  const layersPresent = countLayers(tensors.keys(), /^model\.layers\.(\d+)\./);
  if (layersPresent !== c.layerCount)
    throw checkpointCorrupt(
      layersPresent < 0
        ? "The checkpoint's decoder layers are not numbered from 0 without gaps."
        : `config.json's num_hidden_layers is ${c.layerCount}, but the checkpoint holds ${layersPresent} decoder layers.`,
    );
  for (const record of tensors.values())
    if (record.shape.some((dimension) => dimension === 0))
      throw checkpointCorrupt(`${record.name} has an empty dimension (${record.shape.join('×')}).`, record.file);
  const loraRank = shapeOf('model.layers.0.attention.wqkv.Plora_A.weight')[0] ?? 0;
  const vision = visionShape(tensors, shapeOf);

  const qkvRows = (c.headCount + 2 * c.kvHeadCount) * c.headDim;
  const H = c.hiddenSize;
  const I = c.intermediateSize;
  const expected = new Map<string, number[]>([
    ['model.tok_embeddings.weight', [c.vocabSize, H]],
    ['model.norm.weight', [H]],
    ['output.weight', [c.vocabSize, H]],
  ]);
  const linear: Record<(typeof PLORA_LAYERS)[number], [number, number]> = {
    'attention.wqkv': [qkvRows, H],
    'attention.wo': [H, H],
    'feed_forward.w1': [I, H],
    'feed_forward.w3': [I, H],
    'feed_forward.w2': [H, I],
  };
  for (let i = 0; i < c.layerCount; i++) {
    const p = `model.layers.${i}.`;
    expected.set(`${p}attention_norm.weight`, [H]);
    expected.set(`${p}ffn_norm.weight`, [H]);
    for (const layer of PLORA_LAYERS) {
      const [out, inp] = linear[layer];
      expected.set(`${p}${layer}.weight`, [out, inp]);
      expected.set(`${p}${layer}.Plora_A.weight`, [loraRank, inp]);
      expected.set(`${p}${layer}.Plora_B.weight`, [out, loraRank]);
    }
  }
  const E = vision.width;
  const F = vision.feedForward;
  const P = vision.patchSize;
  expected.set(`${VIT}embeddings.class_embedding`, [E]);
  expected.set(`${VIT}embeddings.patch_embedding.weight`, [E, 3, P, P]);
  expected.set(`${VIT}embeddings.position_embedding.weight`, [vision.storedGrid ** 2 + 1, E]);
  for (const norm of ['pre_layrnorm', 'post_layernorm']) for (const part of ['weight', 'bias']) expected.set(`${VIT}${norm}.${part}`, [E]);
  for (let i = 0; i < vision.layerCount; i++) {
    const p = `${VIT}encoder.layers.${i}.`;
    for (const proj of ['q_proj', 'k_proj', 'v_proj', 'out_proj']) {
      expected.set(`${p}self_attn.${proj}.weight`, [E, E]);
      expected.set(`${p}self_attn.${proj}.bias`, [E]);
    }
    for (const norm of ['layer_norm1', 'layer_norm2']) for (const part of ['weight', 'bias']) expected.set(`${p}${norm}.${part}`, [E]);
    expected.set(`${p}mlp.fc1.weight`, [F, E]);
    expected.set(`${p}mlp.fc1.bias`, [F]);
    expected.set(`${p}mlp.fc2.weight`, [E, F]);
    expected.set(`${p}mlp.fc2.bias`, [E]);
  }
  expected.set('vision_proj.0.weight', [H, E]);
  expected.set('vision_proj.0.bias', [H]);
  expected.set('vision_proj.2.weight', [H, H]);
  expected.set('vision_proj.2.bias', [H]);

  for (const [name, shape] of expected) {
    const found = shapeOf(name);
    if (found.length !== shape.length || found.some((d, i) => d !== shape[i])) {
      throw checkpointCorrupt(
        `${name} has shape ${found.join('×')}, but config.json (hidden_size ${H}, intermediate_size ${I}, ${c.headCount}/${c.kvHeadCount} heads, vocab_size ${c.vocabSize}) implies ${shape.join('×')}.`,
        `${tensors.get(name)?.file ?? ''}`,
      );
    }
    assertFloat(tensors.get(name)!);
  }
  if (loraRank <= 0) throw checkpointCorrupt('The Partial LoRA weights have rank 0.');
  return { vision, loraRank };
}

function visionShape(tensors: ReadonlyMap<string, TensorRecord>, shapeOf: (name: string) => readonly number[]): VisionShape {
  const width = shapeOf(`${VIT}embeddings.class_embedding`)[0] ?? 0;
  const patchSize = shapeOf(`${VIT}embeddings.patch_embedding.weight`)[2] ?? 0;
  const positions = shapeOf(`${VIT}embeddings.position_embedding.weight`)[0] ?? 0;
  const storedGrid = Math.round(Math.sqrt(positions - 1));
  if (storedGrid * storedGrid + 1 !== positions)
    throw checkpointCorrupt(`The vision tower's position table has ${positions} rows, not a square grid plus one.`);
  let layerCount = 0;
  while (tensors.has(`${VIT}encoder.layers.${layerCount}.layer_norm1.weight`)) layerCount++;
  if (layerCount === 0) throw notACheckpoint('The checkpoint has no vision tower layers.');
  if (width % CLIP_HEAD_DIM !== 0)
    throw checkpointCorrupt(`The vision tower's width ${width} is not a multiple of CLIP's head size ${CLIP_HEAD_DIM}.`);
  const feedForward = shapeOf(`${VIT}encoder.layers.0.mlp.fc1.weight`)[0] ?? 0;
  return { width, feedForward, layerCount, patchSize, storedGrid, headCount: width / CLIP_HEAD_DIM };
}

function assertFloat(record: TensorRecord): void {
  if (record.dtype !== 'BF16' && record.dtype !== 'F16' && record.dtype !== 'F32') {
    throw checkpointCorrupt(`${record.name} holds ${record.dtype} values; weights must be bfloat16, float16 or float32.`, record.file);
  }
}

/** Layers numbered 0..n-1 by `pattern`'s first group: n, or -1 when a number is missing or absurd. */
function countLayers(names: Iterable<string>, pattern: RegExp): number {
  const found = new Set<number>();
  for (const name of names) {
    const match = pattern.exec(name);
    if (match) found.add(Number(match[1]));
  }
  for (let layer = 0; layer < found.size; layer++) if (!found.has(layer)) return -1;
  return found.size;
}
