/**
 * Replaces a file so that, after a crash or a SIGKILL at any moment, it holds either the old
 * contents or the new, never a mix: write a temporary file beside it, fsync it, rename it over
 * the target, fsync the folder so the rename itself is durable. (The write-file-atomic package
 * does the first three but not the folder fsync, which is what makes a rename survive power loss.)
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const TEMP_SUFFIX = '.folio-tmp';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes a folder's entries (a rename, a new file) durable. Not possible on Windows, where rename is durable enough. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes temporary files a killed writer left in `dir`. Only ones older than `minAgeMs`, so a
 * write in progress in another window is never pulled from under it.
 */
export async function removeStaleTemps(dir: string, minAgeMs = 60_000): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith('.') || !name.endsWith(TEMP_SUFFIX)) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && now - info.mtimeMs >= minAgeMs) await rm(file, { force: true });
  }
}
