/**
 * The main side of the model host: an Engine whose calls run in a separate process.
 * Calls queue in order and run one at a time. Aborting a queued call removes it; aborting the
 * running one asks the host to stop within a token. When the process dies, every pending call
 * rejects with ModelHostCrashed at once, and the next call starts a fresh host (reloading the
 * last model first).
 */
import { AbortedError, ModelError, ModelHostCrashed, fromErrorPayload } from '../errors';
import type {
  CompletionHandlers,
  CompletionRequest,
  CompletionResult,
  Engine,
  EngineInfo,
  EngineKind,
  LoadOptions,
  PromptPart,
  TokenCount,
} from '../engines/engine';
import type { HostMethod, HostRequestMap, HostStatus, HostToMain, HostTransport } from './protocol';
import { forkHostTransport } from './fork-transport';
import { killLeftoverProcesses } from '../engines/child-processes';
import { defaultCallTimeout, type CallTimeout } from './call-timeout';
import { timerDelay } from '../timer-delay';
import { currentOwner, nextInTurn } from './job-owner';

interface Job {
  id: number;
  method: HostMethod;
  params: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (fraction: number) => void;
  onToken?: (text: string) => void;
  signal?: AbortSignal;
  detachAbort?: () => void;
  abortSent?: boolean;
  restarts?: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Puts the last model back on a fresh host before the calls waiting behind it. */
  reload?: boolean;
  /** The window (or nobody) whose request made this call: owners take turns (job-owner.ts). */
  owner: object;
}

export interface ModelHostClientOptions {
  engine: EngineKind;
  /** How to start a host process; defaults to child_process.fork. */
  startHost?: () => HostTransport;
  /** Told when the host dies, for logs and the UI. */
  onCrash?: (error: ModelHostCrashed) => void;
  /** Every line the host process logs (llama.cpp's own output included). */
  onLog?: (line: string) => void;
  /** How long a call may run before the host is replaced; see call-timeout.ts. */
  callTimeoutMs?: CallTimeout;
}

// The last lines the host logged go into a crash report: they usually say what went wrong.
const CRASH_LOG_LINES = 20;
/** Fresh hosts tried in a row when each dies while the model is loaded again, before the waiting calls fail. */
const RELOAD_TRIES = 3;

export class ModelHostClient implements Engine {
  readonly kind: EngineKind;
  private transport: HostTransport | null = null;
  private readonly queue: Job[] = [];
  /** When each owner's call last started (a count), for taking turns. */
  private readonly lastServed = new WeakMap<object, number>();
  private turns = 0;
  private current: Job | null = null;
  private nextId = 1;
  private lastLoad: LoadOptions | null = null;
  private loadedInfo: EngineInfo | null = null;
  /** The host has no model but should have `lastLoad`'s: the next model call loads it first. */
  private reloadNeeded = false;
  /** Hosts that died in a row while loading the model again. */
  private reloadCrashes = 0;
  private recentLog: string[] = [];

  constructor(private readonly options: ModelHostClientOptions) {
    this.kind = options.engine;
  }

  async load(options: LoadOptions, onProgress?: (fraction: number) => void): Promise<EngineInfo> {
    const info = await this.call('load', { engine: this.kind, options }, { onProgress });
    this.lastLoad = options;
    this.loadedInfo = info;
    return info;
  }

  complete(request: CompletionRequest, handlers: CompletionHandlers = {}): Promise<CompletionResult> {
    return this.call('complete', request, handlers);
  }

  embed(text: string): Promise<number[]> {
    return this.call('embed', { text });
  }

  tokenize(prompt: PromptPart[]): Promise<TokenCount> {
    return this.call('tokenize', { prompt });
  }

  detokenize(tokens: number[]): Promise<string> {
    return this.call('detokenize', { tokens });
  }

  async unload(): Promise<void> {
    this.lastLoad = null;
    this.loadedInfo = null;
    if (this.transport) await this.call('unload', {});
  }

  info(): EngineInfo | null {
    return this.loadedInfo;
  }

  status(): Promise<HostStatus> {
    return this.call('status', {});
  }

  /** The host's process id, when one runs. */
  get pid(): number | undefined {
    return this.transport?.pid;
  }

  /** Stops the host process; pending calls reject. */
  async dispose(): Promise<void> {
    this.lastLoad = null;
    this.loadedInfo = null;
    const transport = this.transport;
    if (!transport) return;
    const gone = new Promise<void>((resolve) => transport.onExit(() => resolve()));
    transport.kill();
    await gone;
  }

  private call<M extends HostMethod>(
    method: M,
    params: HostRequestMap[M]['params'],
    handlers: { onProgress?: (fraction: number) => void; onToken?: (text: string) => void; signal?: AbortSignal } = {},
  ): Promise<HostRequestMap[M]['result']> {
    return new Promise((resolve, reject) => {
      if (handlers.signal?.aborted) return reject(new AbortedError());
      const job: Job = {
        id: this.nextId++,
        method,
        params,
        resolve: resolve as (value: unknown) => void,
        reject,
        ...handlers,
        owner: currentOwner(),
      };
      if (job.signal) {
        const onAbort = (): void => this.abort(job);
        job.signal.addEventListener('abort', onAbort, { once: true });
        job.detachAbort = () => job.signal?.removeEventListener('abort', onAbort);
      }
      this.queue.push(job);
      this.pump();
    });
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, new AbortedError());
    } else if (this.current === job) {
      job.abortSent = true;
      this.transport?.send({ kind: 'abort', id: job.id });
    }
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const transport = this.ensureHost();
    // Owners take turns; each owner's calls keep their order (a load before its asks).
    const turn = nextInTurn(this.queue, this.lastServed);
    if (turn > 0) this.queue.unshift(...this.queue.splice(turn, 1));
    const next = this.queue[0] as Job;
    // A fresh host after a crash has no model: put the last one back before serving the call.
    // Until that succeeds every model call tries again: a failed reload never forgets the model.
    if (this.reloadNeeded && this.lastLoad && next.method !== 'load' && next.method !== 'unload' && next.method !== 'status') {
      this.reloadNeeded = false;
      this.queue.unshift(this.reloadJob(this.lastLoad));
    }
    const job = this.queue.shift() as Job;
    this.current = job;
    this.lastServed.set(job.owner, this.turns++);
    const limit = timerDelay((this.options.callTimeoutMs ?? defaultCallTimeout)(job.method, job.params));
    job.timer = setTimeout(() => this.timedOut(job, limit), limit);
    try {
      transport.send({ kind: 'request', id: job.id, method: job.method, params: job.params } as never);
    } catch (error) {
      // Params the message channel cannot carry (nested too deep to serialize): only this call fails.
      this.finishCurrent(job, new ModelError('invalid-request', 'The request could not be sent to the model.', String(error)));
    }
  }

  /**
   * A call that runs past its limit is stuck (a native loop, a frozen host): only a new process
   * gets the model back. The call fails; calls queued behind it run on the new host.
   */
  private timedOut(job: Job, limit: number): void {
    if (this.current !== job) return;
    const transport = this.transport;
    this.transport = null;
    transport?.kill();
    const minutes = limit >= 60_000 ? `${Math.round(limit / 60_000)} min` : `${(limit / 1000).toFixed(1)} s`;
    const error = new ModelError(
      'host-timed-out',
      `The model took longer than ${minutes} to ${job.method === 'load' ? 'load' : 'answer'} and was restarted. Try again, perhaps with a shorter request.`,
      [
        `${job.method} (call ${job.id}) ran past ${limit} ms; model host (pid ${transport?.pid}) replaced`,
        ...this.recentLog.splice(0),
      ].join('\n'),
    );
    this.finishCurrent(job, error);
  }

  private reloadJob(options: LoadOptions): Job {
    return {
      id: this.nextId++,
      method: 'load',
      params: { engine: this.kind, options },
      reload: true,
      owner: currentOwner(),
      resolve: (info) => {
        this.loadedInfo = info as EngineInfo;
        this.reloadCrashes = 0;
      },
      reject: (error) => {
        // The calls that waited for the model fail, saying so; the next call tries again.
        this.reloadNeeded = true;
        const failed = reloadFailed(error);
        for (const waiting of this.queue.splice(0)) this.settle(waiting, failed);
      },
    };
  }

  private ensureHost(): HostTransport {
    if (this.transport) return this.transport;
    const transport = (this.options.startHost ?? (() => forkHostTransport()))();
    this.transport = transport;
    if (this.lastLoad) this.reloadNeeded = true;
    const children = new Set<number>();
    transport.onMessage((message) => {
      if (message.kind !== 'child-process') return this.receive(message);
      if (message.running) children.add(message.pid);
      else children.delete(message.pid);
    });
    transport.onExit((exit) => {
      killLeftoverProcesses(children);
      this.hostExited(transport, exit);
    });
    transport.onLog?.((line) => {
      this.recentLog.push(line);
      if (this.recentLog.length > CRASH_LOG_LINES) this.recentLog.shift();
      this.options.onLog?.(line);
    });
    return transport;
  }

  private receive(message: Exclude<HostToMain, { kind: 'child-process' }>): void {
    const job = this.current;
    if (message.kind === 'ready' || !job || message.id !== job.id) return;
    switch (message.kind) {
      case 'progress':
        job.onProgress?.(message.fraction);
        break;
      case 'token':
        // Tokens already on their way when the cancel went out are not shown.
        if (!job.abortSent) job.onToken?.(message.text);
        break;
      case 'result':
        // A cancel that crossed paths with the answer still wins: the caller has moved on.
        this.finishCurrent(job, job.abortSent ? new AbortedError() : null, message.value);
        break;
      case 'error':
        if (message.error.code === 'host-restart-needed' && (job.restarts ?? 0) < 2 && !job.abortSent) {
          this.restartFor(job);
          break;
        }
        this.finishCurrent(job, fromErrorPayload(message.error));
        break;
    }
  }

  private finishCurrent(job: Job, error: Error | null, value?: unknown): void {
    this.current = null;
    this.settle(job, error, value);
    this.pump();
  }

  private settle(job: Job, error: Error | null, value?: unknown): void {
    clearTimeout(job.timer);
    job.detachAbort?.();
    if (error) job.reject(error);
    else job.resolve(value);
  }

  /** The binding is wedged: replace the host (the model is reloaded first) and run the call again. */
  private restartFor(job: Job): void {
    const transport = this.transport;
    job.restarts = (job.restarts ?? 0) + 1;
    clearTimeout(job.timer);
    this.current = null;
    this.queue.unshift(job);
    this.transport = null;
    transport?.kill();
    this.pump();
  }

  private hostExited(transport: HostTransport, exit: { code: number | null; signal: string | null }): void {
    if (this.transport !== transport) return;
    this.transport = null;
    this.loadedInfo = null;
    const how = exit.signal ? `was stopped by ${exit.signal}` : `exited with code ${exit.code}`;
    const current = this.current;
    const error = new ModelHostCrashed(
      'The model stopped unexpectedly (it may have run out of memory). Your work is safe; the model will restart on the next request.',
      [`model host (pid ${transport.pid}) ${how}`, ...this.recentLog.splice(0)].join('\n'),
    );
    // A host that died while the model was loaded again: another fresh host tries, the calls still waiting.
    if (current?.reload && this.queue.length > 0 && ++this.reloadCrashes < RELOAD_TRIES) {
      this.current = null;
      clearTimeout(current.timer);
      this.options.onCrash?.(error);
      this.pump();
      return;
    }
    this.reloadCrashes = 0;
    const pending = [...(current ? [current] : []), ...this.queue.splice(0)];
    this.current = null;
    if (pending.length === 0 && exit.code === 0) return;
    this.options.onCrash?.(error);
    for (const job of pending) this.settle(job, job === current && job.method === 'load' ? loadCrashed(error) : error);
  }
}

/** A call that waited for the model to be loaded again after a crash, and it could not be. */
function reloadFailed(error: Error): Error {
  if (error instanceof ModelHostCrashed) return error;
  const payload = error instanceof ModelError ? error : new ModelError('model-load-failed', error.message);
  return new ModelError(
    'model-reload-failed',
    `The model stopped and could not be loaded again: ${payload.message} Folio tries again with the next request.`,
    [payload.code, payload.detail].filter(Boolean).join(': '),
  );
}

/**
 * A host that dies while loading says something about the file or the memory, not the studio:
 * llama.node segfaults on a GGUF that lacks a tensor its architecture needs, which our checks
 * cannot know for every architecture.
 */
function loadCrashed(crash: ModelHostCrashed): ModelError {
  return new ModelError(
    'model-load-failed',
    'The model could not be loaded: the engine stopped while reading it. It may not fit in memory, or the file is damaged or made for another version of llama.cpp.',
    crash.detail,
  );
}
