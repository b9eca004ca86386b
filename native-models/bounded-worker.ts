/**
 * Work whose cost the input decides (parsing a writer's Markdown, rendering a model file's chat
 * template) runs on a worker thread with a time and a memory limit, so no input can stall the
 * process that serves everyone else: on the main thread a 100 KB file of nested lists froze the
 * server for 900 s and a template's loop killed it. One worker, started on first use, does one
 * task at a time; a task past its time is ended by terminating the worker, one past its memory
 * ends the worker by itself (V8 stops an isolate at its heap limit), and the next task starts a
 * fresh one. The thread side is serve-bounded-tasks.ts.
 */
import type { Worker } from 'node:worker_threads';
import { WORKER_READY, WorkerTaskError, type WorkerReply } from './bounded-worker-messages';
import { startWorker } from './start-worker';
import { timerDelay } from './timer-delay';

export { WorkerTaskError } from './bounded-worker-messages';

export interface WorkerLimits {
  /** Longest a task may run (the worker's start is not counted). */
  timeMs: number;
  /** The worker's heap (V8's old generation). */
  memoryMb: number;
}

/** A worker's start, compiling its code in development, on a loaded machine: generous. */
const START_LIMIT_MS = 60_000;

/** A task the worker could not finish: it ran out of time or memory, or the worker died. */
export class WorkerLimitError extends Error {
  override readonly name = 'WorkerLimitError';
  constructor(
    readonly limit: 'time' | 'memory' | 'crash',
    message: string,
  ) {
    super(message);
  }
}

interface Task {
  request: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type FailingWorker = Worker & { failure?: Error & { code?: string } };

export class BoundedWorker<Request, Result> {
  private worker: { thread: FailingWorker; ready: Promise<FailingWorker> } | null = null;
  private readonly queue: Task[] = [];
  private running = false;

  /** `base` and `name` find the thread's file as startWorker does (the caller's import.meta.url, the file's name). */
  constructor(
    private readonly base: string,
    private readonly name: string,
    private readonly limits: WorkerLimits,
  ) {}

  run(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve: resolve as (value: unknown) => void, reject });
      this.next();
    });
  }

  /** Ends the worker; tasks still waiting fail. */
  async close(): Promise<void> {
    for (const task of this.queue.splice(0)) task.reject(new WorkerLimitError('crash', 'the worker was closed'));
    const worker = this.worker?.thread;
    this.worker = null;
    await worker?.terminate();
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    const task = this.queue.shift() as Task;
    this.running = true;
    const done = (): void => {
      this.running = false;
      this.next();
    };
    this.ready().then(
      (worker) => this.perform(worker, task, done),
      (error: Error) => {
        task.reject(error);
        done();
      },
    );
  }

  private perform(worker: FailingWorker, task: Task, done: () => void): void {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      // An idle worker must not keep a command from exiting.
      worker.unref();
      outcome();
      done();
    };
    const onMessage = (reply: WorkerReply<unknown>): void =>
      finish(() => (reply.ok ? task.resolve(reply.value) : task.reject(new WorkerTaskError(reply.error.message, reply.error.code))));
    const onExit = (): void => finish(() => task.reject(this.deathOf(worker)));
    const timer = setTimeout(() => {
      this.forget(worker);
      void worker.terminate();
      finish(() => task.reject(new WorkerLimitError('time', `it took longer than ${seconds(this.limits.timeMs)}`)));
    }, timerDelay(this.limits.timeMs));
    worker.ref();
    worker.on('message', onMessage);
    worker.on('exit', onExit);
    worker.postMessage(task.request);
  }

  /** The worker, started and ready for a task. */
  private ready(): Promise<FailingWorker> {
    if (this.worker) return this.worker.ready;
    const thread: FailingWorker = startWorker(this.base, this.name, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb, maxYoungGenerationSizeMb: 16 },
    });
    const ready = new Promise<FailingWorker>((resolve, reject) => {
      const fail = (error: Error): void => {
        clearTimeout(timer);
        this.forget(thread);
        void thread.terminate();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new WorkerLimitError('crash', `the worker did not start in ${seconds(START_LIMIT_MS)}`)),
        START_LIMIT_MS,
      );
      thread.on('error', (error: Error) => (thread.failure = error));
      // A worker that ended, by a limit or a crash, is never given another task.
      thread.on('exit', () => fail(this.deathOf(thread)));
      thread.once('message', (message: unknown) => {
        clearTimeout(timer);
        if (message === WORKER_READY) resolve(thread);
        else fail(new WorkerLimitError('crash', 'the worker did not say it was ready'));
      });
    });
    this.worker = { thread, ready };
    return ready;
  }

  private forget(thread: Worker): void {
    if (this.worker?.thread === thread) this.worker = null;
  }

  private deathOf(worker: FailingWorker): WorkerLimitError {
    if (worker.failure?.code === 'ERR_WORKER_OUT_OF_MEMORY')
      return new WorkerLimitError('memory', `it needed more than ${this.limits.memoryMb} MB of memory`);
    return new WorkerLimitError('crash', `the worker stopped${worker.failure ? `: ${worker.failure.message}` : ''}`);
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
