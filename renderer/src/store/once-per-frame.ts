/** Collects values and hands them over at most once per animation frame (the store changes once, not per token). */
export function oncePerFrame<T>(flush: (values: T[]) => void): { push(value: T): void; flushNow(): void } {
  let values: T[] = [];
  let scheduled = false;
  const flushNow = () => {
    scheduled = false;
    if (values.length === 0) return;
    const taken = values;
    values = [];
    flush(taken);
  };
  const schedule = globalThis.requestAnimationFrame ?? ((callback: () => void) => setTimeout(callback, 16));
  return {
    push(value) {
      values.push(value);
      if (!scheduled) {
        scheduled = true;
        schedule(flushNow);
      }
    },
    flushNow,
  };
}
