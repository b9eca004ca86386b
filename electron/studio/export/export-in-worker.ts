/**
 * Runs an export on a worker thread, so reading pictures, encoding and compressing a long
 * article never stall the main process (and with it the window). Progress arrives as events;
 * aborting asks the worker to stop (closing Chromium properly) and terminates it if it does not.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { timerDelay } from '../../../native-models/timer-delay';
import { ProjectError, type ProjectErrorCode } from '../documents/project-error';
import { ExportError, type ExportErrorCode } from './export-error';
import type { ExportProgress, ExportRequest, ExportResult } from './export-types';

export type WorkerMessage =
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'done'; result: ExportResult }
  | { type: 'error'; error: { name: string; message: string; code?: string; detail?: string } };

/** How long a worker asked to stop may take before it is terminated. */
const ABORT_GRACE_MS = 5_000;

/** The longest an export may run: a long PDF takes about a minute; past this, something is stuck. */
const EXPORT_TIME_LIMIT_MS = 10 * 60_000;

export interface ExportRunOptions {
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
  /** @default EXPORT_TIME_LIMIT_MS */
  timeLimitMs?: number;
}

export function exportInWorker(request: ExportRequest, options: ExportRunOptions = {}): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new ExportError('aborted', 'The export was cancelled.'));
    const worker = startWorker(request);
    let settled = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      clearTimeout(limitTimer);
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
      void worker.terminate();
    };
    const stop = (error: ExportError): void => {
      worker.postMessage({ type: 'abort' });
      graceTimer = setTimeout(() => finish(() => reject(error)), ABORT_GRACE_MS);
    };
    const onAbort = (): void => stop(new ExportError('aborted', 'The export was cancelled.'));
    const limitMs = timerDelay(options.timeLimitMs ?? EXPORT_TIME_LIMIT_MS);
    // Declared after `finish`, which only runs on the worker's (asynchronous) events.
    const limitTimer = setTimeout(() => {
      const late = new ExportError('timed-out', `The export took longer than ${duration(limitMs)} and was stopped.`);
      stop(late);
      // The worker may answer "cancelled" to the stop: the writer is told why it was stopped.
      worker.removeAllListeners('message');
      worker.on('message', (message: WorkerMessage) => {
        if (message.type !== 'progress') finish(() => reject(late));
      });
    }, limitMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'done') finish(() => resolve(message.result));
      else finish(() => reject(revive(message.error)));
    });
    worker.on('error', (error: Error) =>
      finish(() => reject(new ExportError('render-failed', 'The export stopped unexpectedly.', error.stack ?? error.message))),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new ExportError('render-failed', 'The export stopped unexpectedly.', `worker exited with code ${code}`))),
    );
  });
}

function duration(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} minutes`;
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function startWorker(request: ExportRequest): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./export-worker.js', here), { workerData: request });
  // Running from source (CLI, tests): the worker loads tsx's loader before the TypeScript entry.
  const entry = new URL('./export-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true,
    workerData: request,
  });
}

/** tsx's ESM API (its `import` export): import.meta.resolve where the runtime has it, else beside its package.json. */
function tsxApi(): string {
  const resolve = (import.meta as { resolve?: (specifier: string) => string }).resolve;
  if (typeof resolve === 'function') return resolve('tsx/esm/api');
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(path.join(path.dirname(packageJson), 'dist/esm/api/index.mjs')).href;
}

function revive(error: { name: string; message: string; code?: string; detail?: string }): Error {
  if (error.name === 'ExportError') return new ExportError(error.code as ExportErrorCode, error.message, error.detail);
  if (error.name === 'ProjectError') return new ProjectError(error.code as ProjectErrorCode, error.message, error.detail);
  return new ExportError('render-failed', 'The export failed unexpectedly.', `${error.name}: ${error.message}\n${error.detail ?? ''}`);
}
