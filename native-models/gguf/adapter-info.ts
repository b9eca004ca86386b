/**
 * Inspects a LoRA adapter GGUF (llama.cpp's layout: `general.type = adapter`, `adapter.type =
 * lora`, `adapter.lora.alpha`, tensors `<base>.lora_a` [n_in, r] and `<base>.lora_b` [r, n_out])
 * and checks it against the decoder it is meant for, before llama.cpp sees the pair: llama.cpp
 * refuses a mismatched adapter with a log line and no answer a writer could act on.
 */
import path from 'node:path';
import { ModelError } from '../errors';
import { metaNumber, metaString } from './gguf-metadata';
import { readGgufHeader, type GgufHeader, type GgufTensorInfo } from './gguf-reader';
import { checkTensorBounds } from './tensor-bounds';

export interface AdapterInfo {
  path: string;
  fileName: string;
  architecture: string;
  /** `adapter.lora.alpha`; llama.cpp scales B(A x) by alpha / rank. */
  alpha: number;
  /** The rank of every pair (the first dimension of lora_b). */
  ranks: number[];
  /** Base tensors the adapter changes, e.g. `blk.0.attn_q.weight`. */
  targets: string[];
}

const LORA_A = '.lora_a';
const LORA_B = '.lora_b';

export async function inspectAdapter(filePath: string): Promise<AdapterInfo> {
  const header = await readGgufHeader(filePath);
  checkTensorBounds(header);
  const fileName = path.basename(filePath);
  const fail = (why: string, detail: string): ModelError =>
    new ModelError('adapter-mismatch', `This file is not a usable LoRA adapter: ${fileName} (${why}).`, `${filePath}: ${detail}`);
  if (metaString(header.metadata, 'general.type') !== 'adapter' || metaString(header.metadata, 'adapter.type') !== 'lora') {
    throw fail(
      'it is not marked as a LoRA adapter',
      `general.type=${metaString(header.metadata, 'general.type')}, adapter.type=${metaString(header.metadata, 'adapter.type')}`,
    );
  }
  const architecture = metaString(header.metadata, 'general.architecture');
  if (!architecture) throw fail('it does not say which kind of model it is for', 'general.architecture is missing');
  const alpha = metaNumber(header.metadata, 'adapter.lora.alpha');
  if (alpha === undefined || !Number.isFinite(alpha) || alpha <= 0)
    throw fail('its scale is missing', `adapter.lora.alpha = ${String(alpha)}`);
  const { pairs, detail } = loraPairs(header);
  if (detail) throw fail('its weights do not come in matching pairs', detail);
  return {
    path: filePath,
    fileName,
    architecture,
    alpha,
    ranks: pairs.map(([, b]) => b.dims[0] ?? 0),
    targets: pairs.map(([a]) => a.name.slice(0, -LORA_A.length)),
  };
}

/**
 * The adapter changes only tensors the decoder has, with the decoder's shapes: lora_a's rows are
 * the base weight's rows (its input width), lora_b's columns its output width.
 */
export async function checkAdapterFitsDecoder(adapter: AdapterInfo, decoderPath: string, decoderArchitecture: string): Promise<void> {
  const mismatch = (detail: string): ModelError =>
    new ModelError(
      'adapter-mismatch',
      `The adapter ${adapter.fileName} belongs to another model than ${path.basename(decoderPath)}. Convert the model again so its files belong together.`,
      detail,
    );
  if (adapter.architecture !== decoderArchitecture)
    throw mismatch(`adapter architecture ${adapter.architecture}, decoder ${decoderArchitecture}`);
  const decoder = await readGgufHeader(decoderPath);
  const base = new Map(decoder.tensors.map((tensor) => [tensor.name, tensor]));
  const adapterHeader = await readGgufHeader(adapter.path);
  const byName = new Map(adapterHeader.tensors.map((tensor) => [tensor.name, tensor]));
  for (const target of adapter.targets) {
    const weight = base.get(target);
    const a = byName.get(target + LORA_A);
    const b = byName.get(target + LORA_B);
    if (!weight) throw mismatch(`${target} is not in the decoder`);
    if (a?.dims[0] !== weight.dims[0] || b?.dims[1] !== weight.dims[1]) {
      throw mismatch(`${target}: weight [${weight.dims.join(', ')}], lora_a [${a?.dims.join(', ')}], lora_b [${b?.dims.join(', ')}]`);
    }
  }
}

function loraPairs(header: GgufHeader): { pairs: Array<[GgufTensorInfo, GgufTensorInfo]>; detail?: string } {
  const byName = new Map(header.tensors.map((tensor) => [tensor.name, tensor]));
  const pairs: Array<[GgufTensorInfo, GgufTensorInfo]> = [];
  for (const tensor of header.tensors) {
    if (tensor.name.endsWith(LORA_B)) {
      if (!byName.has(tensor.name.slice(0, -LORA_B.length) + LORA_A)) return { pairs, detail: `${tensor.name} has no lora_a` };
      continue;
    }
    if (!tensor.name.endsWith(LORA_A)) return { pairs, detail: `unexpected tensor ${tensor.name}` };
    const b = byName.get(tensor.name.slice(0, -LORA_A.length) + LORA_B);
    if (!b) return { pairs, detail: `${tensor.name} has no lora_b` };
    if (tensor.dims[1] !== b.dims[0]) return { pairs, detail: `${tensor.name}: rank ${tensor.dims[1]} against lora_b's ${b.dims[0]}` };
    pairs.push([tensor, b]);
  }
  return pairs.length === 0 ? { pairs, detail: 'no lora_a / lora_b tensors' } : { pairs };
}
