/**
 * Work whose cost the input decides (parsing a writer's Markdown, rendering a model file's chat
 * template) runs away from the process that serves everyone else, with a time and a memory
 * limit: on the main thread a 100 KB file of nested lists froze the server for 900 s and a
 * template's loop killed it. One worker, started on first use, does one task at a time; a task
 * past its time is ended by ending the worker, one past its memory ends the worker by itself,
 * and the next task starts a fresh one. `isolation` says where: a worker thread (enough for
 * input whose size is already bounded) or a process of its own (for programs from outside: a
 * thread's limit does not hold against one large allocation, see thread-channel.ts). The task
 * side is serve-bounded-tasks.ts.
 */
import { WORKER_READY, WorkerTaskError, type WorkerReply } from './bounded-worker-messages';
import { processChannel } from './process-channel';
import type { TaskChannel } from './task-channel';
import { threadChannel } from './thread-channel';
import { timerDelay } from './timer-delay';
import { WorkerLimitError } from './worker-limit-error';

export { WorkerTaskError } from './bounded-worker-messages';
export { WorkerLimitError } from './worker-limit-error';

export interface WorkerLimits {
  /** Longest a task may run (the worker's start is not counted). */
  timeMs: number;
  /** The worker's heap (V8's old generation). */
  memoryMb: number;
  /** Where the tasks run: a worker thread (the default) or a process of their own. */
  isolation?: 'thread' | 'process';
}

/** A worker's start, compiling its code in development, on a loaded machine: generous. */
const START_LIMIT_MS = 60_000;

interface Task {
  request: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class BoundedWorker<Request, Result> {
  private worker: { channel: TaskChannel; ready: Promise<TaskChannel> } | null = null;
  private readonly queue: Task[] = [];
  private running = false;
  /** What the running task does if the worker dies under it. */
  private dying: { channel: TaskChannel; react: (death: WorkerLimitError) => void } | null = null;

  /** `base` and `name` find the task file as startWorker does (the caller's import.meta.url, the file's name). */
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
  close(): void {
    for (const task of this.queue.splice(0)) task.reject(new WorkerLimitError('crash', 'the worker was closed'));
    const channel = this.worker?.channel;
    this.worker = null;
    channel?.end();
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
      (channel) => this.perform(channel, task, done),
      (error: Error) => {
        task.reject(error);
        done();
      },
    );
  }

  private perform(channel: TaskChannel, task: Task, done: () => void): void {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      this.dying = null;
      clearTimeout(timer);
      channel.offMessage(onMessage);
      // An idle worker must not keep a command from exiting.
      channel.hold(false);
      outcome();
      done();
    };
    const onMessage = (message: unknown): void => {
      const reply = message as WorkerReply<unknown>;
      finish(() => (reply.ok ? task.resolve(reply.value) : task.reject(new WorkerTaskError(reply.error.message, reply.error.code))));
    };
    this.dying = { channel, react: (death) => finish(() => task.reject(death)) };
    const timer = setTimeout(() => {
      this.forget(channel);
      channel.end();
      finish(() => task.reject(new WorkerLimitError('time', `it took longer than ${seconds(this.limits.timeMs)}`)));
    }, timerDelay(this.limits.timeMs));
    channel.hold(true);
    channel.onMessage(onMessage);
    channel.post(task.request);
  }

  /** The worker, started and ready for a task. */
  private ready(): Promise<TaskChannel> {
    if (this.worker) return this.worker.ready;
    const start = this.limits.isolation === 'process' ? processChannel : threadChannel;
    const channel = start(this.base, this.name, { memoryMb: this.limits.memoryMb });
    const ready = new Promise<TaskChannel>((resolve, reject) => {
      let started = false;
      const fail = (error: Error): void => {
        clearTimeout(timer);
        this.forget(channel);
        channel.end();
        if (!started) reject(error);
      };
      const timer = setTimeout(
        () => fail(new WorkerLimitError('crash', `the worker did not start in ${seconds(START_LIMIT_MS)}`)),
        START_LIMIT_MS,
      );
      // A worker that ended, by a limit or a crash, is never given another task.
      channel.onExit((death) => {
        fail(death);
        if (this.dying?.channel === channel) this.dying.react(death);
      });
      const onFirst = (message: unknown): void => {
        channel.offMessage(onFirst);
        clearTimeout(timer);
        if (message !== WORKER_READY) return fail(new WorkerLimitError('crash', 'the worker did not say it was ready'));
        started = true;
        resolve(channel);
      };
      channel.onMessage(onFirst);
    });
    this.worker = { channel, ready };
    return ready;
  }

  private forget(channel: TaskChannel): void {
    if (this.worker?.channel === channel) this.worker = null;
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
