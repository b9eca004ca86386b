/**
 * A bounded worker's tasks in a process of their own, its heap limited by V8's
 * --max-old-space-size. For programs from outside (a model file's chat template): in a worker
 * thread, one large allocation past the thread's limit ends the whole process that started it
 * (Node 20: "FATAL ERROR: Reached heap limit", the template-fuzz CI run lost its test worker that
 * way), while here it ends only this process and the task fails with the memory limit named.
 *
 * Plain Node (the server, the CLI, the tests) forks; the Electron app, where forking is off (its
 * RunAsNode fuse), gives a starter for utility processes (startTaskProcessesWith).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChannelLimits, TaskChannel } from './task-channel';
import { tsxLoader } from './tsx-loader';
import { diedOfMemory, WorkerLimitError } from './worker-limit-error';

/** Starts `entry` (a compiled .js task file) as a process that serves bounded tasks. */
export type TaskProcessStarter = (entry: string, limits: ChannelLimits) => TaskChannel;

let starter: TaskProcessStarter | undefined;

/** The Electron app's utility processes, used for every bounded worker that runs in a process. */
export function startTaskProcessesWith(start: TaskProcessStarter): void {
  starter = start;
}

/** The last lines a process printed before it died: V8 says "heap out of memory" there. */
const KEPT_OUTPUT_CHARS = 4_000;

export function processChannel(callerUrl: string, name: string, limits: ChannelLimits): TaskChannel {
  const fromSources = callerUrl.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./${name}.${fromSources ? 'ts' : 'js'}`, callerUrl));
  if (starter && !fromSources) return starter(entry, limits);
  const child = fork(entry, [], {
    execArgv: [...(fromSources ? ['--import', tsxLoader()] : []), `--max-old-space-size=${limits.memoryMb}`, '--max-semi-space-size=16'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let output = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (output = (output + text).slice(-KEPT_OUTPUT_CHARS)));
  let ended = false;
  const exitListeners: Array<(death: WorkerLimitError) => void> = [];
  const onExit = (code: number | null, signal: string | null): void => {
    if (ended) return;
    ended = true;
    const death = diedOfMemory(output)
      ? new WorkerLimitError('memory', `it needed more than ${limits.memoryMb} MB of memory`)
      : new WorkerLimitError('crash', `the worker process stopped (${signal ?? `exit code ${code}`})${lastLine(output)}`);
    for (const listener of exitListeners) listener(death);
  };
  child.on('exit', onExit);
  child.on('error', () => onExit(null, null));
  return {
    post: (message) => {
      if (!ended && child.connected) child.send(message as object);
    },
    onMessage: (listener) => child.on('message', listener),
    offMessage: (listener) => child.off('message', listener),
    onExit: (listener) => exitListeners.push(listener),
    end: () => {
      if (!ended) child.kill('SIGKILL');
    },
    hold: (held) => {
      // The IPC channel and the stderr pipe keep the parent alive too: an idle task process must not keep a command from exiting.
      const handles = [child, child.channel, child.stderr] as Array<{ ref(): void; unref(): void } | null | undefined>;
      for (const handle of handles) {
        if (held) handle?.ref();
        else handle?.unref();
      }
    },
  };
}

function lastLine(output: string): string {
  const line = output.trim().split('\n').pop()?.trim();
  return line ? `: ${line}` : '';
}
