/**
 * How a bounded worker (bounded-worker.ts) talks to where its tasks run: a worker thread
 * (thread-channel.ts) or a process of its own (process-channel.ts). Either one carries
 * structured-clone messages, says once how it ended, and can be let go of while idle.
 */
import type { WorkerLimitError } from './worker-limit-error';

export interface TaskChannel {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  offMessage(listener: (message: unknown) => void): void;
  /** Called once when the thread or process is gone, with what ended it. */
  onExit(listener: (death: WorkerLimitError) => void): void;
  /** Ends it now; its exit listeners still run. */
  end(): void;
  /** Whether it keeps the process that started it alive: only while a task runs. */
  hold(held: boolean): void;
}

export interface ChannelLimits {
  /** The heap (V8's old generation). */
  memoryMb: number;
}
