/** Shared set-up for the download tests: the tiny models served from 127.0.0.1 and a catalog entry for them. */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CatalogEntry } from '../../../native-models/catalog/catalog-entry';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';

export const decoderBytes = (): Buffer => readFileSync(TINY_DECODER);
export const projectorBytes = (): Buffer => readFileSync(TINY_PROJECTOR);

export const tempDir = (prefix = 'folio-download-'): string => mkdtempSync(path.join(os.tmpdir(), prefix));

/** A catalog entry (schema-valid) whose two files are served by the test's server. */
export function servedEntry(url: (name: string) => string, overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id: 'tiny-test-pair',
    name: 'Tiny test pair',
    family: 'internlm2',
    rank: 1,
    goodAt: 'Tests.',
    license: { name: 'MIT' },
    contextLength: 512,
    decoder: {
      url: url('decoder.gguf'),
      quantization: 'F32',
      approxBytes: decoderBytes().length,
      shape: { blockCount: 2, embeddingLength: 64, headCount: 4, headCountKv: 4, headDim: 16, feedForwardLength: 128, vocabSize: 300 },
    },
    projector: {
      url: url('mmproj.gguf'),
      quantization: 'F32',
      approxBytes: projectorBytes().length,
      shape: { imageSize: 28, patchSize: 14, embeddingLength: 32, headCount: 2 },
    },
    notes: [],
    verified: false,
    verification: 'Test data.',
    ...overrides,
  };
}
