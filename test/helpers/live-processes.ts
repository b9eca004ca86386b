/**
 * Processes seen through /proc, for the tests that kill a parent and check what it left:
 * the live ones (a zombie waiting for its reaper does not count) whose command line names a word.
 */
import { readFileSync, readdirSync } from 'node:fs';

export function processesNaming(word: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/cmdline`, 'latin1').includes(word)) continue;
      if (!/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${name}/stat`, 'latin1'))) found.push(Number(name));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}
