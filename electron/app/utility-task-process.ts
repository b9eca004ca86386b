/**
 * A bounded worker's task process (native-models/process-channel.ts) as an Electron
 * utilityProcess: the app's fuses turn off running the Electron binary as plain Node, so
 * child_process.fork cannot start one here. The task file answers over process.parentPort
 * (native-models/serve-bounded-tasks.ts). What it prints goes nowhere but the memory check:
 * V8 says "heap out of memory" on stderr when the process ran past its limit.
 */
import { utilityProcess } from 'electron';
import type { ChannelLimits, TaskChannel } from '../../native-models/task-channel';
import { diedOfMemory, WorkerLimitError } from '../../native-models/worker-limit-error';

export function utilityTaskChannel(entry: string, limits: ChannelLimits): TaskChannel {
  const child = utilityProcess.fork(entry, [], {
    stdio: ['ignore', 'ignore', 'pipe'],
    serviceName: 'Folio bounded task',
    execArgv: [`--max-old-space-size=${limits.memoryMb}`],
  });
  let output = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (output = (output + text).slice(-4_000)));
  const messageListeners = new Map<(message: unknown) => void, (message: unknown) => void>();
  let ended = false;
  return {
    post: (message) => {
      if (!ended) child.postMessage(message);
    },
    onMessage: (listener) => {
      const wrapped = (message: unknown): void => listener(message);
      messageListeners.set(listener, wrapped);
      child.on('message', wrapped);
    },
    offMessage: (listener) => {
      const wrapped = messageListeners.get(listener);
      if (wrapped) child.off('message', wrapped);
      messageListeners.delete(listener);
    },
    onExit: (listener) =>
      child.once('exit', (code) => {
        ended = true;
        listener(
          diedOfMemory(output)
            ? new WorkerLimitError('memory', `it needed more than ${limits.memoryMb} MB of memory`)
            : new WorkerLimitError('crash', `the worker process stopped (exit code ${code})`),
        );
      }),
    end: () => {
      if (!ended) child.kill();
    },
    // A utility process does not keep the app running: nothing to hold.
    hold: () => undefined,
  };
}
