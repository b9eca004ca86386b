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

/**
 * The largest value each whole-number setting may take: far beyond any InternLM2 (hidden 4096,
 * 32 layers, vocabulary 92,544, context 32,768), and inside what GGUF's 32-bit fields and the
 * tensors' sizes can hold. The tensors present are checked against them after this.
 */
const LIMITS: Record<string, number> = {
  hidden_size: 65_536,
  intermediate_size: 262_144,
  num_hidden_layers: 1_024,
  num_attention_heads: 1_024,
  num_key_value_heads: 1_024,
  vocab_size: 4_194_304,
  max_position_embeddings: 16_777_216,
  img_size: 8_192,
};

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
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw notACheckpoint(`${dir}/config.json does not hold settings.`, file);
  const architectures = Array.isArray(raw.architectures) ? raw.architectures.map((name) => short(name)) : [];
  if (!architectures.includes(XCOMPOSER2_ARCHITECTURE)) {
    const named = architectures.length ? architectures.slice(0, 3).join(', ') : short(raw.model_type ?? 'nothing');
    throw notACheckpoint(`${dir} is not an InternLM-XComposer2 checkpoint (its config.json names ${named}).`, file);
  }
  const whole = (key: string): number => {
    const value = raw[key];
    const limit = LIMITS[key] ?? Number.MAX_SAFE_INTEGER;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > limit) {
      const range = value === undefined ? '' : `; it must be a whole number from 1 to ${limit.toLocaleString('en')}`;
      throw notACheckpoint(`config.json has no usable "${key}" (found ${short(JSON.stringify(value) ?? String(value))}${range}).`, file);
    }
    return value;
  };
  const positive = (key: string, fallback: number): number => {
    const value = raw[key];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  };
  /** A token id: absent is the fallback; present, it must be one of the vocabulary's. */
  const tokenId = (key: string, vocabSize: number): number | undefined => {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= vocabSize)
      throw notACheckpoint(
        `config.json's "${key}" ${short(JSON.stringify(value))} is not a token of its ${vocabSize.toLocaleString('en')}-token vocabulary.`,
        file,
      );
    return value;
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
  const vocabSize = whole('vocab_size');
  const padTokenId = tokenId('pad_token_id', vocabSize);
  return {
    hiddenSize,
    intermediateSize: whole('intermediate_size'),
    layerCount: whole('num_hidden_layers'),
    headCount,
    kvHeadCount,
    headDim: hiddenSize / headCount,
    rmsNormEps: positive('rms_norm_eps', 1e-6),
    ropeTheta: positive('rope_theta', 10000),
    vocabSize,
    contextLength: raw.max_position_embeddings === undefined ? 32768 : whole('max_position_embeddings'),
    ...(raw.img_size === undefined ? {} : { imageSize: whole('img_size') }),
    bosTokenId: tokenId('bos_token_id', vocabSize) ?? 1,
    ...(padTokenId === undefined ? {} : { padTokenId }),
  };
}

/** A value as config.json has it (a name unquoted), cut short: a message stays one line. */
function short(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
