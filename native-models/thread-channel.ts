/**
 * A bounded worker's tasks on a worker thread, its heap limited by V8. Enough for work whose
 * memory grows with an input that is already bounded (a writer's Markdown, five megabytes at
 * most). Not enough for a program from outside: in Node 20 one large allocation past a
 * thread's limit ends the whole process ("FATAL ERROR: Reached heap limit": an array of 10^8
 * numbers does it), which is what process-channel.ts is for.
 */
import type { ChannelLimits, TaskChannel } from './task-channel';
import { startWorker } from './start-worker';
import { WorkerLimitError } from './worker-limit-error';

export function threadChannel(callerUrl: string, name: string, limits: ChannelLimits): TaskChannel {
  const thread = startWorker(callerUrl, name, {
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 16 },
  });
  let failure: (Error & { code?: string }) | undefined;
  thread.on('error', (error: Error) => (failure = error));
  return {
    post: (message) => thread.postMessage(message),
    onMessage: (listener) => thread.on('message', listener),
    offMessage: (listener) => thread.off('message', listener),
    onExit: (listener) =>
      thread.once('exit', () =>
        listener(
          failure?.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new WorkerLimitError('memory', `it needed more than ${limits.memoryMb} MB of memory`)
            : new WorkerLimitError('crash', `the worker stopped${failure ? `: ${failure.message}` : ''}`),
        ),
      ),
    end: () => void thread.terminate(),
    hold: (held) => (held ? thread.ref() : thread.unref()),
  };
}
