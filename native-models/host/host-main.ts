/**
 * Entry point of the model host process. Under plain Node it is started with
 * `child_process.fork` and talks over process.send; under Electron it runs as a
 * `utilityProcess` and talks over process.parentPort. Same host either way.
 */
import type { HostPort, HostToMain, MainToHost } from './protocol';
import { serveModelHost } from './model-host';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function portFromProcess(): HostPort {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message: HostToMain) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as MainToHost)),
    };
  }
  if (!process.send) throw new Error('The model host must be started by the studio (no IPC channel).');
  return {
    send: (message: HostToMain) => process.send?.(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as MainToHost)),
  };
}

// Losing the parent means nobody can use the loaded model: exit rather than linger holding RAM.
process.on('disconnect', () => process.exit(0));
serveModelHost(portFromProcess());
