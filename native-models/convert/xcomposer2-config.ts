/**
 * The decoder's hyperparameters from an XComposer2 checkpoint's config.json, checked. The vision
 * tower is not described there (the reference loads CLIP's config by name): its shape is read
 * from the tensors (see xcomposer2-tensors.ts).
 */
import { readCheckpointFile } from './read-checkpoint-file';

/** A model's config.json is a few kilobytes. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
import path from 'node:path';
import { notACheckpoint } from './checkpoint-errors';

const XCOMPOSER2_ARCHITECTURE = 'InternLMXComposer2ForCausalLM';

export interface XComposer2Config {
  hiddenSize: number;
  intermediateSize: number;
  layerCount: number;
  headCount: number;
  kvHeadCount: number;
  headDim: number;
  rmsNormEps: number;
  ropeTheta: number;
  vocabSize: number;
  contextLength: number;
  /** `img_size`: 224 for the composition model, 490 for VL; absent in some copies. */
  imageSize?: number;
  bosTokenId: number;
  padTokenId?: number;
}

export async function readXComposer2Config(dir: string): Promise<XComposer2Config> {
  const file = path.join(dir, 'config.json');
  const bytes = await readCheckpointFile(file, MAX_CONFIG_BYTES);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(bytes?.toString('utf8') ?? '') as Record<string, unknown>;
  } catch (error) {
    const missing = bytes === null;
    throw notACheckpoint(
      missing ? `${dir} is not a model checkpoint: it has no config.json.` : `${dir}/config.json is not valid JSON.`,
      String(error),
    );
  }
  const architectures = Array.isArray(raw.architectures) ? raw.architectures.map(String) : [];
  if (!architectures.includes(XCOMPOSER2_ARCHITECTURE)) {
    const named = architectures.length ? architectures.join(', ') : String(raw.model_type ?? 'nothing');
    throw notACheckpoint(`${dir} is not an InternLM-XComposer2 checkpoint (its config.json names ${named}).`, file);
  }
  const whole = (key: string): number => {
    const value = raw[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw notACheckpoint(`config.json has no usable "${key}" (found ${JSON.stringify(value)}).`, file);
    }
    return value;
  };
  const positive = (key: string, fallback: number): number => {
    const value = raw[key];
    return typeof value === 'number' && value > 0 ? value : fallback;
  };
  const hiddenSize = whole('hidden_size');
  const headCount = whole('num_attention_heads');
  const kvHeadCount = typeof raw.num_key_value_heads === 'number' ? whole('num_key_value_heads') : headCount;
  if (hiddenSize % headCount !== 0 || headCount % kvHeadCount !== 0) {
    throw notACheckpoint(
      `config.json's heads (${headCount} query, ${kvHeadCount} key/value) do not divide hidden_size ${hiddenSize}.`,
      file,
    );
  }
  return {
    hiddenSize,
    intermediateSize: whole('intermediate_size'),
    layerCount: whole('num_hidden_layers'),
    headCount,
    kvHeadCount,
    headDim: hiddenSize / headCount,
    rmsNormEps: positive('rms_norm_eps', 1e-6),
    ropeTheta: positive('rope_theta', 10000),
    vocabSize: whole('vocab_size'),
    contextLength: typeof raw.max_position_embeddings === 'number' ? whole('max_position_embeddings') : 32768,
    ...(typeof raw.img_size === 'number' ? { imageSize: whole('img_size') } : {}),
    bosTokenId: typeof raw.bos_token_id === 'number' ? raw.bos_token_id : 1,
    ...(typeof raw.pad_token_id === 'number' ? { padTokenId: raw.pad_token_id } : {}),
  };
}
