import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../../native-models/errors';
import { writeGguf } from '../../../native-models/gguf/gguf-writer';
import { readTokenizerFacts } from '../../../native-models/gguf/tokenizer-facts';
import { inspectDecoder } from '../../../native-models/gguf/decoder-info';
import { inspectProjector } from '../../../native-models/gguf/projector-info';
import { validateModelPair } from '../../../native-models/gguf/validate-model';
import { ensureFixtures } from '../../fixtures/generate';
import { CHATML_TEMPLATE, FIXTURES, fixturePath, tinyDecoder, tinyProjector } from '../../fixtures/tiny-models';

let dir: string;
let scratch: string;
const at = (name: string) => fixturePath(name, dir);
beforeAll(async () => {
  dir = (await ensureFixtures()).dir;
  scratch = await mkdtemp(path.join(os.tmpdir(), 'folio-validate-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function errorOf(run: () => Promise<unknown>): Promise<ModelError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

describe('inspectDecoder', () => {
  it('describes the tiny InternLM2', async () => {
    const info = await inspectDecoder(at(FIXTURES.tinyDecoder));
    expect(info).toMatchObject({
      architecture: 'internlm2',
      name: 'Folio tiny InternLM2',
      embeddingLength: 64,
      blockCount: 2,
      headCount: 4,
      headCountKv: 2,
      headDim: 16,
      contextLength: 2048,
      feedForwardLength: 128,
      fileType: 0,
      quantization: 'F32',
      hasChatTemplate: false,
    });
    expect(info.vocabSize).toBeGreaterThan(300);
    expect(info.chatTemplate).toBeUndefined();
    // Weights: token_embd + output (n_embd x vocab) + 2 blocks, all F32.
    const perBlock = 64 * 2 + (64 * 64 * 2 + 64 * 32 * 2 + 64 * 128 * 3);
    expect(info.weightsBytes).toBe(4 * (2 * 64 * info.vocabSize + 64 + 2 * perBlock));
  });

  it('exposes the chat template when the file has one', async () => {
    const info = await inspectDecoder(at(FIXTURES.tinyDecoderWithTemplate));
    expect(info.hasChatTemplate).toBe(true);
    expect(info.chatTemplate).toBe(CHATML_TEMPLATE);
  });

  it('refuses a projector chosen as the language model', async () => {
    const error = await errorOf(() => inspectDecoder(at(FIXTURES.tinyProjector)));
    expect(error.code).toBe('not-a-decoder');
    expect(error.message).toMatch(/^This file is a vision projector, not a language model: tiny-internvl-mmproj\.gguf/);
  });
});

describe('inspectProjector', () => {
  it('describes the tiny InternVL projector', async () => {
    const info = await inspectProjector(at(FIXTURES.tinyProjector));
    expect(info).toMatchObject({
      projectorType: 'internvl',
      imageSize: 28,
      patchSize: 14,
      embeddingLength: 32,
      feedForwardLength: 64,
      blockCount: 1,
      headCount: 2,
      projectionDim: 64,
      scaleFactor: 2,
      tokensPerImage: 1, // 2x2 patches, pixel-shuffled by 2
      quantization: 'F32',
    });
    expect(info.imageMean?.[0]).toBeCloseTo(0.485, 5);
    expect(info.imageStd?.[2]).toBeCloseTo(0.225, 5);
  });

  it('refuses a language model chosen as the projector', async () => {
    const error = await errorOf(() => inspectProjector(at(FIXTURES.tinyDecoder)));
    expect(error.code).toBe('not-a-projector');
    expect(error.message).toMatch(/^This file is a language model, not a vision projector/);
  });

  it('refuses a projector type llama.cpp does not know', async () => {
    const file = path.join(scratch, 'odd-projector.gguf');
    const spec = tinyProjector();
    await writeGguf(file, {
      ...spec,
      metadata: spec.metadata.map((m) =>
        m.key === 'clip.projector_type' ? ({ key: m.key, type: 'string', value: 'folio-vision' } as const) : m,
      ),
    });
    const error = await errorOf(() => inspectProjector(file));
    expect(error.code).toBe('unknown-projector-type');
    expect(error.message).toContain('"folio-vision"');
  });
});

describe('validateModelPair', () => {
  it('accepts the tiny pair', async () => {
    const pair = await validateModelPair({ decoder: at(FIXTURES.tinyDecoder), projector: at(FIXTURES.tinyProjector) });
    expect(pair.decoder.embeddingLength).toBe(pair.projector?.projectionDim);
    expect(pair.fit).toBeUndefined();
  });

  it('refuses a projector made for another model, naming both widths', async () => {
    const error = await errorOf(() =>
      validateModelPair({ decoder: at(FIXTURES.tinyDecoder), projector: at(FIXTURES.mismatchedProjector) }),
    );
    expect(error.code).toBe('projector-mismatch');
    expect(error.message).toBe('The vision projector does not belong to this model: it produces 32-wide embeddings, the model expects 64.');
  });

  it('matches a projector to a wider decoder variant', async () => {
    const decoder = path.join(scratch, 'wide.gguf');
    const projector = path.join(scratch, 'wide-mmproj.gguf');
    await writeGguf(decoder, tinyDecoder({ embeddingLength: 128 }));
    await writeGguf(projector, tinyProjector({ projectionDim: 128 }));
    await expect(validateModelPair({ decoder, projector })).resolves.toMatchObject({ decoder: { embeddingLength: 128 } });
    const error = await errorOf(() => validateModelPair({ decoder, projector: at(FIXTURES.tinyProjector) }));
    expect(error.message).toContain('it produces 64-wide embeddings, the model expects 128');
  });

  it('estimates the fit on request and refuses a model that clearly cannot fit', async () => {
    const decoder = at(FIXTURES.tinyDecoder);
    const roomy = await validateModelPair(
      { decoder },
      { checkFit: { contextSize: 512, memory: { freeRamBytes: 8 * 1024 ** 3, totalRamBytes: 16 * 1024 ** 3 } } },
    );
    expect(roomy.fit?.fitsInRam).toBe(true);
    const error = await errorOf(() =>
      validateModelPair({ decoder }, { checkFit: { contextSize: 512, memory: { freeRamBytes: 1024 ** 2, totalRamBytes: 2 * 1024 ** 2 } } }),
    );
    expect(error.code).toBe('does-not-fit');
    expect(error.message).toMatch(
      /^Folio tiny InternLM2 is too big for this computer's memory\. Needs about [\d.]+ MB of memory, but this computer has 2\.0 MB/,
    );
  });
});

describe('readTokenizerFacts', () => {
  it('reads the vocabulary and special ids of each tiny decoder', async () => {
    const plain = await readTokenizerFacts(at(FIXTURES.tinyDecoder));
    expect(plain.tokens[plain.bosTokenId!]).toBe('<s>');
    expect(plain.tokens[plain.eosTokenId!]).toBe('</s>');
    expect(plain.tokens).toContain('[UNUSED_TOKEN_145]');
    expect(plain.chatTemplate).toBeNull();
    const chatml = await readTokenizerFacts(at(FIXTURES.tinyDecoderWithTemplate));
    expect(chatml.tokens).toContain('<|im_end|>');
    expect(chatml.tokens).not.toContain('[UNUSED_TOKEN_145]');
    expect(chatml.chatTemplate).toBe(CHATML_TEMPLATE);
  });
});
