import os from 'node:os';
import path from 'node:path';

/** A path as a writer types it: `~` is their home folder, as in a shell. */
export function expandHome(typed: string, home = os.homedir()): string {
  if (typed === '~') return home;
  if (typed.startsWith('~/') || typed.startsWith(`~${path.sep}`)) return path.join(home, typed.slice(2));
  return typed;
}
