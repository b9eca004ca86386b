/**
 * What a bounded worker (bounded-worker.ts) and its thread (serve-bounded-tasks.ts) say to
 * each other: the thread announces it is ready (its start, compiling the code behind tsx in
 * development, is not counted against a task's time), then answers each request.
 */
export const WORKER_READY = 'ready';

export type WorkerReply<T> = { ok: true; value: T } | { ok: false; error: { message: string; code?: string } };

/** An error the task itself reported; `code` is the task's own word for it, for the caller to map. */
export class WorkerTaskError extends Error {
  override readonly name = 'WorkerTaskError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
