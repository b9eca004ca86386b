/**
 * The export worker thread: runs one export and reports progress, the result or the error
 * (as a plain object; class instances do not survive postMessage). When the caller prints PDFs
 * itself, the PDF step sends it the HTML and waits for the bytes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { exportArticle } from './export-article';
import { ExportError, type ExportErrorCode } from './export-error';
import type { PdfPrinter } from './export-types';
import type { WorkerCommand, WorkerInput, WorkerMessage } from './export-in-worker';

const port = parentPort;
if (!port) throw new Error('export-worker.ts runs as a worker thread (see export-in-worker.ts).');
const { request, callerPrintsPdf } = workerData as WorkerInput;
const controller = new AbortController();
let printing: { resolve(bytes: Uint8Array): void; reject(error: Error): void } | null = null;
port.on('message', (message: WorkerCommand) => {
  if (message.type === 'abort') {
    controller.abort();
    printing?.reject(new ExportError('aborted', 'The export was cancelled.'));
  } else if (message.type === 'pdf') printing?.resolve(message.bytes);
  else
    printing?.reject(
      new ExportError((message.error.code ?? 'render-failed') as ExportErrorCode, message.error.message, message.error.detail),
    );
});
const send = (message: WorkerMessage): void => port.postMessage(message);
const printPdf: PdfPrinter | undefined = callerPrintsPdf
  ? (html) =>
      new Promise((resolve, reject) => {
        printing = { resolve, reject };
        send({ type: 'print-pdf', html });
      })
  : undefined;

exportArticle(request, {
  signal: controller.signal,
  onProgress: (progress) => send({ type: 'progress', progress }),
  ...(printPdf ? { printPdf } : {}),
}).then(
  (result) => send({ type: 'done', result }),
  (error: unknown) => {
    const { name, message, code, detail, stack } = error as {
      name?: string;
      message?: string;
      code?: string;
      detail?: string;
      stack?: string;
    };
    send({
      type: 'error',
      error: {
        name: name ?? 'Error',
        message: message ?? String(error),
        code,
        detail: detail ?? (name === 'ExportError' || name === 'ProjectError' ? undefined : stack),
      },
    });
  },
);
