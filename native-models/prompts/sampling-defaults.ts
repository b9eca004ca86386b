import type { SamplingOptions } from '../engines/engine';

/**
 * Sampling for free writing, after the reference composition demo:
 * top_p 0.8, top_k 40, temperature 1.0, repetition penalty 1.005.
 */
export const WRITING_SAMPLING: Readonly<Required<Omit<SamplingOptions, 'seed'>>> = {
  temperature: 1.0,
  topP: 0.8,
  topK: 40,
  repeatPenalty: 1.005,
  repeatLastN: 64,
};

/** Sampling for short constrained answers (positions, letters, titles): near-greedy. */
export const DECIDING_SAMPLING: Readonly<Required<Omit<SamplingOptions, 'seed'>>> = {
  temperature: 0.2,
  topP: 0.8,
  topK: 40,
  repeatPenalty: 1.0,
  repeatLastN: 64,
};
