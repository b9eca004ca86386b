/**
 * Runs an export on a worker thread, so reading pictures, encoding and compressing a long
 * article never stall the main process (and with it the window). Progress arrives as events;
 * aborting asks the worker to stop (closing Chromium properly) and terminates it if it does not.
 * A PDF printer given by the caller (the desktop app's printToPDF, which only its main thread can
 * reach) is asked for the PDF by message: the worker sends the HTML, the bytes come back.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../../native-models/start-worker';
import { timerDelay } from '../../../native-models/timer-delay';
import { ProjectError, type ProjectErrorCode } from '../documents/project-error';
import { ExportError, type ExportErrorCode } from './export-error';
import type { ExportProgress, ExportRequest, ExportResult, PdfPrinter } from './export-types';

type PlainError = { name: string; message: string; code?: string; detail?: string };

/** From the worker. */
export type WorkerMessage =
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'print-pdf'; html: string }
  | { type: 'done'; result: ExportResult }
  | { type: 'error'; error: PlainError };

/** To the worker. */
export type WorkerCommand = { type: 'abort' } | { type: 'pdf'; bytes: Uint8Array } | { type: 'pdf-failed'; error: PlainError };

export interface WorkerInput {
  request: ExportRequest;
  /** Whether a PDF is printed by the caller (print-pdf messages) rather than by the worker's Chromium. */
  callerPrintsPdf: boolean;
}

/** How long a worker asked to stop may take before it is terminated. */
const ABORT_GRACE_MS = 5_000;

/** The longest an export may run: a long PDF takes about a minute; past this, something is stuck. */
const EXPORT_TIME_LIMIT_MS = 10 * 60_000;

export interface ExportRunOptions {
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
  /** @default EXPORT_TIME_LIMIT_MS */
  timeLimitMs?: number;
  /** Prints PDFs on the caller's thread instead of the worker driving the system's Chromium. */
  printPdf?: PdfPrinter;
}

export function exportInWorker(request: ExportRequest, options: ExportRunOptions = {}): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new ExportError('aborted', 'The export was cancelled.'));
    const worker = startExportWorker({ request, callerPrintsPdf: Boolean(options.printPdf) });
    const command = (message: WorkerCommand): void => worker.postMessage(message);
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
      command({ type: 'abort' });
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
      else if (message.type === 'print-pdf') void print(message.html, options, command);
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

/** Prints for the worker and answers it with the bytes, or with what went wrong. */
async function print(html: string, options: ExportRunOptions, command: (message: WorkerCommand) => void): Promise<void> {
  try {
    if (!options.printPdf) throw new ExportError('render-failed', 'The export asked for a PDF printer it was not given.');
    command({ type: 'pdf', bytes: await options.printPdf(html, options.signal) });
  } catch (error) {
    const failure =
      error instanceof ExportError
        ? error
        : new ExportError(
            'render-failed',
            'The article could not be printed to PDF.',
            error instanceof Error ? error.message : String(error),
          );
    command({ type: 'pdf-failed', error: { name: failure.name, message: failure.message, code: failure.code, detail: failure.detail } });
  }
}

function duration(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} minutes`;
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function startExportWorker(input: WorkerInput): Worker {
  return startWorker(import.meta.url, 'export-worker', { workerData: input });
}

function revive(error: { name: string; message: string; code?: string; detail?: string }): Error {
  if (error.name === 'ExportError') return new ExportError(error.code as ExportErrorCode, error.message, error.detail);
  if (error.name === 'ProjectError') return new ProjectError(error.code as ProjectErrorCode, error.message, error.detail);
  return new ExportError('render-failed', 'The export failed unexpectedly.', `${error.name}: ${error.message}\n${error.detail ?? ''}`);
}
