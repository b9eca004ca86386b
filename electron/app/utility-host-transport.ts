/**
 * The model host as an Electron utilityProcess, behind the same HostTransport the plain-Node
 * fork uses (native-models/host/fork-transport.ts). The host entry detects process.parentPort
 * and answers over it. Its stdout/stderr (llama.cpp's logs) go to the client's log, never the UI.
 */
import { createInterface } from 'node:readline';
import { utilityProcess } from 'electron';
import type { HostToMain, HostTransport, MainToHost } from '../../native-models/host/protocol';

export function utilityHostTransport(entry: string): HostTransport {
  const child = utilityProcess.fork(entry, [], { stdio: 'pipe', serviceName: 'Folio model host' });
  let exited = false;
  const exitListeners: Array<(exit: { code: number | null; signal: string | null }) => void> = [];
  const logListeners: Array<(line: string) => void> = [];
  const log = (line: string): void => {
    for (const listener of logListeners) listener(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', log);
  }
  child.on('error', (type, location) => log(`${type} at ${location}`));
  child.on('exit', (code) => {
    if (exited) return;
    exited = true;
    for (const listener of exitListeners) listener({ code, signal: null });
  });
  return {
    // Known once the process has spawned; the client reads it only for its crash report.
    get pid() {
      return child.pid;
    },
    send: (message: MainToHost) => {
      if (!exited) child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as HostToMain)),
    onExit: (listener) => exitListeners.push(listener),
    onLog: (listener) => logListeners.push(listener),
    kill: () => {
      if (!exited) child.kill();
    },
  };
}
