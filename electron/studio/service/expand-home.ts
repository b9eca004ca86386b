import os from 'node:os';
import path from 'node:path';
import { studioError } from './to-studio-error';

/** A path as a writer types it: `~` is their home folder, as in a shell. */
export function expandHome(typed: string, home = os.homedir()): string {
  if (typed === '~') return home;
  if (typed.startsWith('~/') || typed.startsWith(`~${path.sep}`)) return path.join(home, typed.slice(2));
  return typed;
}

/**
 * A path from the Studio API: `~` expanded, and only full paths taken. A relative one would land
 * wherever the server or app happened to start, which the writer cannot see.
 */
export function typedPath(typed: string, home = os.homedir()): string {
  const expanded = expandHome(typed.trim(), home);
  if (!path.isAbsolute(expanded))
    throw studioError(
      'path-not-absolute',
      `Type the full path, starting with ${process.platform === 'win32' ? 'a drive such as C:\\' : '/ or ~/'}: "${typed}" does not say which folder it is in.`,
    );
  return expanded;
}
