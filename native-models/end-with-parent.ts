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

// `kill -KILL "-PGID"` with no `--`: dash (Debian's and Ubuntu's sh) takes `--` for a process id and kills nothing.
const WATCHER = 'read _ 2>/dev/null; kill -KILL "-$1" 2>/dev/null; kill -KILL "$1" 2>/dev/null';

/**
 * For a helper whose process id its launcher keeps to itself (Playwright's Chromium): every
 * process started with the argument `$1=$2` is killed with its group. The argument is put
 * together here, so no process the watcher starts (nor the watcher) carries it. Linux's /proc
 * only; elsewhere the helper is left to notice its parent's end itself.
 */
const MARKED_WATCHER = `read _ 2>/dev/null; want="$1=$2"
for d in /proc/[0-9]*; do
  line=$(tr '\\0' '\\n' < "$d/cmdline" 2>/dev/null) || continue
  case "
$line
" in *"
$want
"*) p=\${d#/proc/}; kill -KILL "-$p" 2>/dev/null; kill -KILL "$p" 2>/dev/null;; esac
done`;

/** Watches `pid` until the returned function is called (call it when the helper has ended). */
export function endWithParent(pid: number | undefined): () => void {
  if (!pid) return () => undefined;
  return watchParent(WATCHER, [String(pid)]);
}

/**
 * Watches every process started with the argument `${name}=${value}` (give the helper that
 * argument; `value` unique to this helper) until the returned function is called.
 */
export function endMarkedWithParent(name: string, value: string): () => void {
  return watchParent(MARKED_WATCHER, [name, value]);
}

function watchParent(script: string, args: string[]): () => void {
  if (process.platform === 'win32') return () => undefined;
  let watcher: ReturnType<typeof spawn>;
  try {
    // Its own process group: a kill of this process's group must not take the watcher first.
    watcher = spawn('sh', ['-c', script, 'folio-end-with-parent', ...args], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
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
