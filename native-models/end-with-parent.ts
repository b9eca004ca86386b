/**
 * Ends a helper program with the process that started it, even when that process is killed
 * outright (SIGKILL, out of memory), which runs no exit handler: a llama-quantize or a Chromium
 * left behind kept working, and holding memory, for nobody. A small watcher (`sh`) holds a pipe
 * from this process and waits for it to close, which the kernel does when this process dies;
 * it then kills the helper's process group and the helper. The watcher is ended when the helper
 * ends normally. Windows has no `sh`: there this does nothing (helpers there end with their job
 * object only when the app makes one, which Folio does not yet).
 */
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

const WATCHER = 'read _ 2>/dev/null; kill -KILL -- "-$1" 2>/dev/null; kill -KILL "$1" 2>/dev/null';

/** Watches `pid` until the returned function is called (call it when the helper has ended). */
export function endWithParent(pid: number | undefined): () => void {
  if (!pid || process.platform === 'win32') return () => undefined;
  let watcher: ReturnType<typeof spawn>;
  try {
    // Its own process group: a kill of this process's group must not take the watcher first.
    watcher = spawn('sh', ['-c', WATCHER, 'folio-end-with-parent', String(pid)], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  } catch {
    return () => undefined;
  }
  watcher.on('error', () => undefined);
  // Neither the watcher nor its pipe keeps this process alive.
  watcher.unref();
  (watcher.stdin as (Writable & { unref?: () => void }) | null)?.unref?.();
  (watcher.stdout as Readable | null)?.destroy();
  return () => {
    if (watcher.exitCode === null && watcher.signalCode === null) watcher.kill('SIGKILL');
  };
}
