import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tsxLoader } from '../tsx-loader';
import type { HostToMain, HostTransport, MainToHost } from './protocol';

/**
 * Compiled into dist/node (scripts/build-node.mjs), this file has host-main.js beside it and the
 * host starts without tsx; from the sources it is host-main.ts.
 */
const COMPILED_HOST = fileURLToPath(new URL('./host-main.js', import.meta.url));
const HOST_ENTRY =
  import.meta.url.endsWith('.js') && existsSync(COMPILED_HOST) ? COMPILED_HOST : fileURLToPath(new URL('./host-main.ts', import.meta.url));
const GROUPS = process.platform !== 'win32';

function killGroup(pid: number | undefined): boolean {
  if (!GROUPS || !pid) return false;
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false; // the group is gone already
  }
}

/**
 * Starts the model host with child_process.fork (plain Node: server, CLI, tests).
 * The entry is TypeScript, run through tsx's loader; 'advanced' serialization carries image bytes.
 */
export function forkHostTransport(options: { entry?: string; env?: NodeJS.ProcessEnv } = {}): HostTransport {
  const entry = options.entry ?? HOST_ENTRY;
  const child = fork(entry, [], {
    execArgv: entry.endsWith('.ts') ? ['--import', tsxLoader()] : [],
    serialization: 'advanced',
    // Native libraries print freely; their output is a log, never the CLI's stdout or the UI.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group, so the host and anything it started (llama-server) go together.
    detached: GROUPS,
    env: options.env ?? process.env,
  });
  let exited = false;
  const exitListeners: Array<(exit: { code: number | null; signal: string | null }) => void> = [];
  const onExit = (code: number | null, signal: string | null): void => {
    if (exited) return;
    exited = true;
    // A host killed outright cannot stop its children: stop whatever is left of its group.
    killGroup(child.pid);
    for (const listener of exitListeners) listener({ code, signal });
  };
  const logListeners: Array<(line: string) => void> = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      for (const listener of logListeners) listener(line);
    });
  }
  child.on('exit', onExit);
  child.on('error', () => onExit(null, null));
  return {
    pid: child.pid,
    send: (message: MainToHost) => {
      if (!exited && child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as HostToMain)),
    onExit: (listener) => exitListeners.push(listener),
    onLog: (listener) => logListeners.push(listener),
    kill: () => {
      if (exited) return;
      if (!killGroup(child.pid)) child.kill('SIGKILL');
    },
  };
}
