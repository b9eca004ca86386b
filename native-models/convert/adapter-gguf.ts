/**
 * The Partial LoRA as a llama.cpp LoRA adapter GGUF. llama.cpp scales B(A x) by
 * user scale × alpha / rank; XComposer2 scales by lora_alpha / lora_r = 1 (rank 256, alpha 256
 * in the reference code for 7b and vl-7b), so alpha is written equal to the rank. The adapter
 * belongs on image positions only: llama-server switches it on for image chunks (its partial-lora patch).
 * wqkv's B is split and permuted like wqkv itself; its A is shared by q, k and v.
 */
import type { GgufTensorSpec, GgufWriteSpec } from '../gguf/gguf-writer';
import type { Checkpoint } from './checkpoint-folder';
import type { ConvertType } from './output-types';
import { tensorFromRows, type FillContext } from './source-fill';
import { splitRowMaps } from './wqkv-split';

const LAYERS: ReadonlyArray<[string, string]> = [
  ['attention.wo', 'attn_output'],
  ['feed_forward.w1', 'ffn_gate'],
  ['feed_forward.w3', 'ffn_up'],
  ['feed_forward.w2', 'ffn_down'],
];

export function adapterGguf(
  checkpoint: Checkpoint,
  loraRank: number,
  name: string,
  type: ConvertType,
  context: FillContext,
): GgufWriteSpec {
  const c = checkpoint.config;
  // Small beside the base weights: f16 unless everything is asked for in f32.
  const loraType = type === 'f32' ? 'F32' : 'F16';
  const source = (tensor: string) => checkpoint.tensors.get(tensor)!;
  const maps = splitRowMaps(c);
  const kvRows = c.kvHeadCount * c.headDim;
  const tensors: GgufTensorSpec[] = [];
  for (let i = 0; i < c.layerCount; i++) {
    const p = `model.layers.${i}.`;
    const a = source(`${p}attention.wqkv.Plora_A.weight`);
    const b = source(`${p}attention.wqkv.Plora_B.weight`);
    for (const [part, rowMap, rowCount] of [
      ['q', maps.q, c.hiddenSize],
      ['k', maps.k, kvRows],
      ['v', maps.v, kvRows],
    ] as const) {
      tensors.push(
        tensorFromRows(context, `blk.${i}.attn_${part}.weight.lora_a`, loraType, a),
        tensorFromRows(context, `blk.${i}.attn_${part}.weight.lora_b`, loraType, b, { rowMap, rowCount }),
      );
    }
    for (const [from, to] of LAYERS) {
      tensors.push(
        tensorFromRows(context, `blk.${i}.${to}.weight.lora_a`, loraType, source(`${p}${from}.Plora_A.weight`)),
        tensorFromRows(context, `blk.${i}.${to}.weight.lora_b`, loraType, source(`${p}${from}.Plora_B.weight`)),
      );
    }
  }
  return {
    metadata: [
      { key: 'general.architecture', type: 'string', value: 'internlm2' },
      { key: 'general.type', type: 'string', value: 'adapter' },
      { key: 'general.name', type: 'string', value: `${name} Partial LoRA` },
      { key: 'adapter.type', type: 'string', value: 'lora' },
      { key: 'adapter.lora.alpha', type: 'f32', value: loraRank },
    ],
    tensors,
  };
}
