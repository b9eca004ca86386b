/**
 * Ctrl-C as a cancel: the running job stops through this signal and the command ends with what it
 * finished (exit 130), instead of the process dying halfway through a write. `release` when done,
 * so a second Ctrl-C afterwards ends the process as usual.
 */
export interface Interrupt {
  readonly signal: AbortSignal;
  release(): void;
}

export function abortOnInterrupt(): Interrupt {
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  return { signal: controller.signal, release: () => process.off('SIGINT', onInterrupt) };
}
