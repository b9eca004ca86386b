/**
 * Every write, removal and new folder inside a project goes through here, so each one passes
 * the check in project-files.ts: the folder it happens in is resolved through symlinks and
 * refused when it leads outside the project. (A `.autosave` linked to another folder once made
 * Save delete the files there.) The last name itself is never followed: removing or replacing
 * a symlink acts on the link, which is inside the project.
 */
import { lstat, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ProjectError } from './project-error';
import { folderInside } from './project-files';
import { removeStaleTemps, syncDirectory, writeFileAtomic } from './write-file-atomic';

/** Replaces `relative` atomically; its folder must exist (see makeProjectFolder). */
export async function writeProjectFile(root: string, relative: string, data: string | Uint8Array): Promise<void> {
  const folder = await existingFolder(root, path.dirname(relative));
  await writeFileAtomic(path.join(folder, path.basename(relative)), data);
}

/** Removes a file inside the project; nothing happens when it (or its folder) is not there. */
export async function removeProjectFile(root: string, relative: string): Promise<void> {
  const folder = await folderInside(root, folderOf(path.dirname(relative)));
  if (!folder) return;
  const file = path.join(folder, path.basename(relative));
  const info = await lstat(file).catch(() => null);
  if (!info) return;
  if (info.isDirectory()) throw new ProjectError('write-failed', `${relative} in the project is a folder, so it was not removed.`, file);
  await rm(file, { force: true });
}

/** Makes a folder inside the project one level at a time (each level checked); returns its real path. */
export async function makeProjectFolder(root: string, relative: string): Promise<string> {
  let folder = await existingFolder(root, '');
  let walked = '';
  for (const name of relative.split(/[\\/]+/).filter(Boolean)) {
    walked = walked ? `${walked}/${name}` : name;
    const existing = await folderInside(root, walked);
    if (existing) {
      folder = existing;
      continue;
    }
    await mkdir(path.join(folder, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    folder = await existingFolder(root, walked);
  }
  return folder;
}

/** Makes a folder's new entries durable (after removals). */
export async function syncProjectFolder(root: string, relative: string): Promise<void> {
  const folder = await folderInside(root, folderOf(relative));
  if (folder) await syncDirectory(folder);
}

/** Removes temporary files a killed save left in a folder of the project (not in one it links to). */
export async function removeStaleProjectTemps(root: string, relative: string): Promise<void> {
  const folder = await folderInside(root, relative).catch(() => null);
  if (folder) await removeStaleTemps(folder);
}

async function existingFolder(root: string, relative: string): Promise<string> {
  const folder = await folderInside(root, folderOf(relative));
  if (!folder) throw new ProjectError('write-failed', `The folder ${relative} is missing from the project, so nothing was written there.`);
  return folder;
}

const folderOf = (relative: string): string => (relative === '.' ? '' : relative);
