import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { DownloadError } from './download-error';

const LOCK_NAME = '.downloading';

/**
 * Runs `work` while holding the model folder's lock, so the app and `folio models pull` never
 * write the same partial file at once. A lock left by a process that no longer runs is taken over.
 */
export async function withDownloadLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lockPath = path.join(dir, LOCK_NAME);
  await acquire(lockPath, true);
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function acquire(lockPath: string, mayTakeOver: boolean): Promise<void> {
  try {
    const handle = await open(lockPath, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
    if (mayTakeOver && !isRunning(holder)) {
      await rm(lockPath, { force: true });
      return acquire(lockPath, false);
    }
    throw new DownloadError('busy', 'This model is already being downloaded (in another window or command). Wait for it to finish.', {
      resumable: true,
      detail: `${lockPath} held by process ${holder || 'unknown'}`,
    });
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
