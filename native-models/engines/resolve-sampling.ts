import type { SamplingOptions } from './engine';

/** How long an answer may run when the request does not say. */
export const DEFAULT_MAX_TOKENS = 512;

/**
 * Sampling a request leaves open, the same on every engine: llama.cpp's own defaults, no repeat
 * penalty. (The studio's own choices per task are in native-models/prompts/sampling-defaults.ts.)
 */
export const SAMPLING_DEFAULTS: Readonly<Required<Omit<SamplingOptions, 'seed'>>> = {
  temperature: 0.8,
  topP: 0.95,
  topK: 40,
  repeatPenalty: 1,
  repeatLastN: 64,
};

/** Every sampling setting filled in; the seed stays open because each engine says "random" its own way. */
export type ResolvedSampling = Required<Omit<SamplingOptions, 'seed'>> & Pick<SamplingOptions, 'seed'>;

export function resolveSampling(sampling: SamplingOptions = {}): ResolvedSampling {
  return {
    temperature: sampling.temperature ?? SAMPLING_DEFAULTS.temperature,
    topP: sampling.topP ?? SAMPLING_DEFAULTS.topP,
    topK: sampling.topK ?? SAMPLING_DEFAULTS.topK,
    repeatPenalty: sampling.repeatPenalty ?? SAMPLING_DEFAULTS.repeatPenalty,
    repeatLastN: sampling.repeatLastN ?? SAMPLING_DEFAULTS.repeatLastN,
    ...(sampling.seed === undefined ? {} : { seed: sampling.seed }),
  };
}
