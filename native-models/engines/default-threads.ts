import os from 'node:os';

/**
 * Threads for inference when the writer has not chosen. One core stays free for the app itself:
 * llama.cpp's worker threads spin while they wait for each other, and a thread that shares its
 * core with the UI slows every token (measured on 2 cores: a tiny model went from 250 ms a token
 * with 2 threads to under 1 ms with 1). Past 8, more threads stop helping decode speed.
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(os.availableParallelism() - 1, 8));
}
