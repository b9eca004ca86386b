/**
 * The task side of a bounded worker (bounded-worker.ts), on a worker thread or in a process of
 * its own (forked: process.send; an Electron utility process: process.parentPort): runs
 * `perform` on each request and answers with its value or its error (a WorkerTaskError keeps
 * its code). Class instances do not survive the message, so errors travel as message and code.
 */
import { parentPort } from 'node:worker_threads';
import { WORKER_READY, WorkerTaskError, type WorkerReply } from './bounded-worker-messages';

interface Port {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function portToParent(): Port {
  if (parentPort) {
    const port = parentPort;
    return { send: (message) => port.postMessage(message), onMessage: (listener) => port.on('message', listener) };
  }
  const utilityPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utilityPort)
    return {
      send: (message) => utilityPort.postMessage(message),
      onMessage: (listener) => utilityPort.on('message', (event) => listener(event.data)),
    };
  if (process.send) {
    // A task process whose parent is gone has nobody to answer: end with it.
    process.on('disconnect', () => process.exit(0));
    return { send: (message) => process.send?.(message), onMessage: (listener) => process.on('message', listener) };
  }
  throw new Error('A bounded worker runs as a worker thread or a process started by Folio (see native-models/bounded-worker.ts).');
}

export function serveBoundedTasks<Request, Result>(perform: (request: Request) => Result): void {
  const port = portToParent();
  port.onMessage((request) => {
    let reply: WorkerReply<Result>;
    try {
      reply = { ok: true, value: perform(request as Request) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply = { ok: false, error: error instanceof WorkerTaskError && error.code ? { message, code: error.code } : { message } };
    }
    port.send(reply);
  });
  port.send(WORKER_READY);
}
