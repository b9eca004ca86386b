/**
 * Jinja's `range()` for a model file's chat template, refusing more numbers than any chat
 * template needs. The template library's own range builds the whole list first: `range(10**9)`
 * grew the template worker's heap until V8 ended the whole process ("Reached heap limit", the
 * fresh-clone CI's template-fuzz, FOLIO_FUZZ_SEED=599500) instead of only the worker. Refused
 * here, before the list exists, the template fails and is set aside like any other that fails.
 */
export const MAX_TEMPLATE_RANGE = 1_000_000;

export function boundedRange(start: number, stop?: number, step = 1): number[] {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  if (![from, to, step].every(Number.isFinite)) throw new RangeError('range() takes finite numbers');
  if (step === 0) throw new RangeError('range() step must not be zero');
  const count = Math.max(0, Math.ceil((to - from) / step));
  if (count > MAX_TEMPLATE_RANGE)
    throw new RangeError(`range() of ${count} numbers: a chat template gets at most ${MAX_TEMPLATE_RANGE.toLocaleString('en')}`);
  return Array.from({ length: count }, (_, index) => from + index * step);
}
