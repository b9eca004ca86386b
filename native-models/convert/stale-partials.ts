/**
 * A conversion writes into a hidden `.NAME.partial-PID` folder beside its output and renames it
 * into place at the end. A converter killed outright (SIGKILL, out of memory, power) leaves that
 * folder, hundreds of megabytes for a 7B model; every conversion first removes the ones whose
 * process is gone. Never a link, never another user's, never one whose process still runs.
 */
import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { processRunning } from '../process-running';

const PARTIAL = /^\..+\.partial-(\d+)$/;

export function partialFolderFor(outDir: string, pid = process.pid): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.partial-${pid}`);
}

export async function removeStalePartials(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const owner = Number(PARTIAL.exec(name)?.[1] ?? NaN);
    if (!Number.isSafeInteger(owner) || owner <= 0 || owner === process.pid || processRunning(owner)) continue;
    const folder = path.join(dir, name);
    const info = await lstat(folder).catch(() => null);
    if (!info?.isDirectory() || (process.getuid && info.uid !== process.getuid())) continue;
    await rm(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}
