import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTEXT_SIZE, embeddingContextSize, loadedEngineInfo, planLoad } from '../../../native-models/engines/load-plan';
import { resolveSampling, SAMPLING_DEFAULTS } from '../../../native-models/engines/resolve-sampling';

const decoder = { contextLength: 2048, blockCount: 24 };

describe('the load plan every engine follows', () => {
  it('asks for the default context, never more than the model was trained for', () => {
    expect(planLoad({ decoderPath: 'm.gguf' }, { ...decoder, contextLength: 32768 }, false).contextSize).toBe(DEFAULT_CONTEXT_SIZE);
    expect(planLoad({ decoderPath: 'm.gguf' }, decoder, false).contextSize).toBe(2048);
    expect(planLoad({ decoderPath: 'm.gguf', contextSize: 1024 }, decoder, false).contextSize).toBe(1024);
    // A header that does not say its context length: the default stands.
    expect(planLoad({ decoderPath: 'm.gguf', contextSize: 8192 }, { ...decoder, contextLength: 0 }, false).contextSize).toBe(
      DEFAULT_CONTEXT_SIZE,
    );
  });

  it('offloads every layer by default, the chosen number when given, and none on the processor', () => {
    expect(planLoad({ decoderPath: 'm.gguf' }, decoder, false)).toMatchObject({ totalLayers: 25, offload: 'max', gpuLayers: 25 });
    expect(planLoad({ decoderPath: 'm.gguf', gpuLayers: 'max' }, decoder, false)).toMatchObject({ offload: 'max', gpuLayers: 25 });
    expect(planLoad({ decoderPath: 'm.gguf', gpuLayers: 10 }, decoder, false)).toMatchObject({ offload: 10, gpuLayers: 10 });
    expect(planLoad({ decoderPath: 'm.gguf', gpuLayers: 10 }, decoder, true)).toMatchObject({ offload: 0, gpuLayers: 0 });
  });

  it('gives embeddings at most 2048 tokens of context', () => {
    expect(embeddingContextSize(4096)).toBe(2048);
    expect(embeddingContextSize(512)).toBe(512);
  });

  it('reports the files it was given, and names the image adapter only when there is one', () => {
    const runtime = {
      backend: 'cpu' as const,
      devices: ['CPU'],
      gpuLayers: 0,
      totalLayers: 25,
      contextSize: 2048,
      threads: 1,
      vision: false,
      modelName: 'tiny',
    };
    const plain = loadedEngineInfo('llama-node', { decoderPath: 'm.gguf' }, runtime);
    expect(plain).toEqual({ engine: 'llama-node', ...runtime, decoderPath: 'm.gguf', projectorPath: null, embeddings: true });
    expect(
      loadedEngineInfo('llama-server', { decoderPath: 'm.gguf', projectorPath: 'p.gguf', imageAdapterPath: 'a.gguf' }, runtime),
    ).toMatchObject({
      projectorPath: 'p.gguf',
      imageAdapterPath: 'a.gguf',
    });
  });
});

describe('the sampling a request leaves open', () => {
  it('is filled with the same defaults on every engine; what the request says wins', () => {
    expect(resolveSampling()).toEqual(SAMPLING_DEFAULTS);
    expect(resolveSampling({ temperature: 0, repeatPenalty: 1.1, seed: 7 })).toEqual({
      ...SAMPLING_DEFAULTS,
      temperature: 0,
      repeatPenalty: 1.1,
      seed: 7,
    });
  });

  it('leaves the seed open, for each engine to say "random" its own way', () => {
    expect(resolveSampling({ topK: 1 })).not.toHaveProperty('seed');
  });
});
