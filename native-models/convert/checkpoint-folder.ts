/**
 * Finds an XComposer2 checkpoint's parts in a folder: config.json, tokenizer.model and the
 * weights, as `.bin` shards (the released form) or safetensors, sharded with an index file or
 * single. Every weight file's tensors are located (never read) and checked against the index.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { checkpointCorrupt, notACheckpoint } from './checkpoint-errors';
import { readCheckpointFile } from './read-checkpoint-file';
import { readSafetensors } from './safetensors-reader';
import type { TensorRecord } from './tensor-record';
import { readTorchBin } from './torch-bin-reader';
import { readXComposer2Config, type XComposer2Config } from './xcomposer2-config';

export interface Checkpoint {
  dir: string;
  config: XComposer2Config;
  tokenizerFile: string;
  weightFiles: string[];
  /** Bytes of all weight files: what "the checkpoint's size" means in measurements. */
  weightBytes: number;
  tensors: ReadonlyMap<string, TensorRecord>;
}

const INDEX_FILES = ['pytorch_model.bin.index.json', 'model.safetensors.index.json'];
const SINGLE_FILES = ['pytorch_model.bin', 'model.safetensors'];
/** A shard index names each tensor once: a few hundred kilobytes for a 7B model. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

export async function openCheckpoint(dir: string): Promise<Checkpoint> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw notACheckpoint(`${dir} is not a folder.`);
  const config = await readXComposer2Config(dir);
  const tokenizerFile = path.join(dir, 'tokenizer.model');
  if (!existsSync(tokenizerFile)) throw notACheckpoint(`${dir} has no tokenizer.model; copy the whole checkpoint folder.`);
  const { files, weightMap } = await findWeightFiles(dir);
  const tensors = new Map<string, TensorRecord>();
  let weightBytes = 0;
  for (const file of files) {
    weightBytes += statSync(file).size;
    for (const record of file.endsWith('.safetensors') ? readSafetensors(file) : readTorchBin(file)) tensors.set(record.name, record);
  }
  for (const [name, file] of weightMap) {
    const found = tensors.get(name);
    if (!found) throw checkpointCorrupt(`${name} is listed in the index but missing from ${file}: the checkpoint is incomplete.`);
    if (path.basename(found.file) !== file) {
      throw checkpointCorrupt(`${name} is in ${path.basename(found.file)}, not in ${file} as the index says.`);
    }
  }
  return { dir, config, tokenizerFile, weightFiles: files, weightBytes, tensors };
}

async function findWeightFiles(dir: string): Promise<{ files: string[]; weightMap: Map<string, string> }> {
  for (const indexName of INDEX_FILES) {
    const indexFile = path.join(dir, indexName);
    if (!existsSync(indexFile)) continue;
    const text = (await readCheckpointFile(indexFile, MAX_INDEX_BYTES))?.toString('utf8') ?? '';
    let index: { weight_map?: Record<string, string> };
    try {
      index = JSON.parse(text) as typeof index;
    } catch (error) {
      throw checkpointCorrupt(`${indexName} is not valid JSON.`, String(error));
    }
    const listed = index?.weight_map;
    if (typeof listed !== 'object' || listed === null || Array.isArray(listed) || !Object.values(listed).every(isShardName))
      throw checkpointCorrupt(`${indexName} does not map weights to files in the checkpoint folder.`, indexFile);
    const weightMap = new Map(Object.entries(listed as Record<string, string>));
    const shards = [...new Set(weightMap.values())].sort();
    if (shards.length === 0) throw checkpointCorrupt(`${indexName} lists no weights.`);
    const missing = shards.filter((shard) => !existsSync(path.join(dir, shard)));
    if (missing.length)
      throw checkpointCorrupt(`The checkpoint is incomplete: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`);
    return { files: shards.map((shard) => path.join(dir, shard)), weightMap };
  }
  for (const single of SINGLE_FILES) {
    if (existsSync(path.join(dir, single))) return { files: [path.join(dir, single)], weightMap: new Map() };
  }
  // Shards without an index: every .bin or .safetensors file in the folder.
  const names = (await readdir(dir)).filter((n) => n.endsWith('.safetensors')).sort();
  const bins = (await readdir(dir)).filter((n) => /^pytorch_model.*\.bin$/.test(n)).sort();
  const files = names.length ? names : bins;
  if (files.length === 0) throw notACheckpoint(`${dir} has no weights (no pytorch_model*.bin or *.safetensors files).`);
  return { files: files.map((n) => path.join(dir, n)), weightMap: new Map() };
}

/** A weight file the index names: a plain name in the checkpoint folder (never a path out of it). */
function isShardName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /\.(bin|safetensors)$/.test(value) &&
    path.basename(value) === value &&
    !/[\\/]/.test(value) &&
    value.length <= 255
  );
}
