/**
 * The thread side of a bounded worker (bounded-worker.ts): runs `perform` on each request and
 * answers with its value or its error (a WorkerTaskError keeps its code). Class instances do not
 * survive postMessage, so errors travel as their message and code.
 */
import { parentPort } from 'node:worker_threads';
import { WORKER_READY, WorkerTaskError, type WorkerReply } from './bounded-worker-messages';

export function serveBoundedTasks<Request, Result>(perform: (request: Request) => Result): void {
  const port = parentPort;
  if (!port) throw new Error('A bounded worker runs as a worker thread (see native-models/bounded-worker.ts).');
  port.on('message', (request: Request) => {
    let reply: WorkerReply<Result>;
    try {
      reply = { ok: true, value: perform(request) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply = { ok: false, error: error instanceof WorkerTaskError && error.code ? { message, code: error.code } : { message } };
    }
    port.postMessage(reply);
  });
  port.postMessage(WORKER_READY);
}
