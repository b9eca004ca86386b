/**
 * A seed for one model call, derived from the run's seed and the call's place in the pipeline,
 * so a redone step gets the same seed as the first time and steps never share one.
 */
export function stepSeed(seed: number, step: string, index = 0): number {
  let hash = (seed >>> 0) ^ 0x811c9dc5;
  for (const char of `${step}:${index}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash & 0x7fffffff;
}
