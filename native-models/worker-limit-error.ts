/** A task a bounded worker could not finish: it ran out of time or memory, or its thread or process died. */
export class WorkerLimitError extends Error {
  override readonly name = 'WorkerLimitError';
  constructor(
    readonly limit: 'time' | 'memory' | 'crash',
    message: string,
  ) {
    super(message);
  }
}

/** Whether what a task process printed as it died is V8 saying it ran past its heap limit. */
export function diedOfMemory(output: string): boolean {
  return /heap out of memory|Reached heap limit/.test(output);
}
