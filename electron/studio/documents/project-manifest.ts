/**
 * `project.json`: what the document itself does not say. Which model wrote it, the seed of
 * every model run (same inputs and seed, same article), and where each picture came from.
 * It describes; the document decides. Opening survives a missing or unusable manifest (the
 * article is the writer's work, this is bookkeeping) with a warning, and rebuilds it.
 */
import { Ajv } from 'ajv';
import type { Provenance } from './article-document';
import { ASSET_ID_PATTERN } from '../../contract/asset-id';

const MANIFEST_FORMAT = 'folio-project';
const MANIFEST_VERSION = 1;

export interface ModelRecord {
  /** File name of the decoder (GGUF), or the remote model's name. */
  decoder: string;
  projector: string | null;
  engine: string | null;
}

interface SeedRecord {
  /** What the run did: compose, or an edit such as rewrite, retitle, place. */
  step: string;
  seed: number;
  at: string;
}

export interface AssetRecord {
  mimeType: string;
  byteSize: number;
  provenance: Provenance;
  /** Where it came from: the library path, or the dropped or picked file's name; null for a paste. */
  source: string | null;
  addedAt: string;
}

export interface ProjectManifest {
  format: typeof MANIFEST_FORMAT;
  version: number;
  title: string;
  createdAt: string;
  updatedAt: string;
  /** The model used last, null before any model ran. */
  model: ModelRecord | null;
  seeds: SeedRecord[];
  /** By asset id (sha256). */
  assets: Record<string, AssetRecord>;
}

export function emptyManifest(title: string, now = new Date()): ProjectManifest {
  const at = now.toISOString();
  return { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, title, createdAt: at, updatedAt: at, model: null, seeds: [], assets: {} };
}

const manifestSchema = {
  type: 'object',
  required: ['format', 'version', 'title', 'createdAt', 'updatedAt', 'model', 'seeds', 'assets'],
  properties: {
    format: { const: MANIFEST_FORMAT },
    version: { type: 'integer', minimum: 1 },
    title: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    model: {
      type: ['object', 'null'],
      required: ['decoder'],
      properties: { decoder: { type: 'string' }, projector: { type: ['string', 'null'] }, engine: { type: ['string', 'null'] } },
    },
    seeds: {
      type: 'array',
      items: {
        type: 'object',
        required: ['step', 'seed'],
        properties: { step: { type: 'string' }, seed: { type: 'integer' }, at: { type: 'string' } },
      },
    },
    assets: {
      type: 'object',
      propertyNames: { pattern: ASSET_ID_PATTERN.source },
      additionalProperties: {
        type: 'object',
        required: ['mimeType', 'provenance'],
        properties: {
          mimeType: { type: 'string' },
          byteSize: { type: 'integer', minimum: 0 },
          provenance: { enum: ['library', 'reference', 'pasted'] },
          source: { type: ['string', 'null'] },
          addedAt: { type: 'string' },
        },
      },
    },
  },
};

const ajv = new Ajv({ allErrors: false, strict: false });
const validate = ajv.compile(manifestSchema);

/** The manifest, or why it cannot be used (the caller warns and rebuilds). */
export function checkManifest(value: unknown): { manifest: ProjectManifest } | { problem: string } {
  if (!validate(value)) return { problem: ajv.errorsText(validate.errors, { dataVar: 'project.json' }) };
  const manifest = value as unknown as ProjectManifest;
  if (manifest.version > MANIFEST_VERSION) return { problem: `made by a newer version of Folio (format ${manifest.version})` };
  return { manifest };
}

/** Notes a model run: the model used and the seed, so the run can be repeated. */
export function recordRun(
  manifest: ProjectManifest,
  run: { step: string; seed: number; model?: ModelRecord },
  now = new Date(),
): ProjectManifest {
  return {
    ...manifest,
    model: run.model ?? manifest.model,
    seeds: [...manifest.seeds, { step: run.step, seed: run.seed, at: now.toISOString() }],
    updatedAt: now.toISOString(),
  };
}
