/**
 * The export worker thread: runs one export and reports progress, the result or the error
 * (as a plain object; class instances do not survive postMessage).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { exportArticle } from './export-article';
import type { ExportRequest } from './export-types';
import type { WorkerMessage } from './export-in-worker';

const port = parentPort;
if (!port) throw new Error('export-worker.ts runs as a worker thread (see export-in-worker.ts).');
const controller = new AbortController();
port.on('message', (message: { type: string }) => {
  if (message.type === 'abort') controller.abort();
});
const send = (message: WorkerMessage): void => port.postMessage(message);

exportArticle(workerData as ExportRequest, {
  signal: controller.signal,
  onProgress: (progress) => send({ type: 'progress', progress }),
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
