/**
 * The folder a project is created in, saved as, or an export is written to: made one level at
 * a time, refused when something on the way is not a folder or when it lies on a virtual file
 * system (/proc, /sys, /dev). There, `mkdir -p` never settles (it spins on /proc/self/sub for
 * good, cannot be cancelled and keeps the process alive after SIGTERM), and nothing written is
 * a document anyway.
 */
import { lstat, mkdir, realpath, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { VIRTUAL_FILE_SYSTEMS } from '../../../native-models/files/virtual-file-systems';
import { ProjectError, describeError } from './project-error';

/** Checked by path too: devtmpfs reports itself as tmpfs, which /tmp often is and must stay allowed. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/** Makes `dir` (and any missing folders above it) after checking the way there; returns its absolute path. */
export async function makeWritableFolder(dir: string): Promise<string> {
  const absolute = path.resolve(dir);
  const missing: string[] = [];
  let existing = absolute;
  while (!(await lstat(existing).catch(notThere))) {
    const parent = path.dirname(existing);
    if (parent === existing) throw refused(absolute, 'none of the folders on the way exist');
    missing.unshift(path.basename(existing));
    existing = parent;
  }
  let folder = await checkedFolder(existing, absolute);
  for (const name of missing) {
    folder = path.join(folder, name);
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw new ProjectError('write-failed', `The folder ${folder} could not be made.`, describeError(error));
    });
    folder = await checkedFolder(folder, absolute);
  }
  return absolute;
}

/** The real path of an existing folder on the way to `target`, refused when it is no folder or a system one. */
async function checkedFolder(existing: string, target: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(existing);
  } catch (error) {
    throw new ProjectError('write-failed', `The folder ${existing} could not be read.`, describeError(error));
  }
  const system = SYSTEM_FOLDERS.find((folder) => process.platform !== 'win32' && (real === folder || real.startsWith(`${folder}/`)));
  if (system) throw refused(target, `${real} is in ${system}, a system folder`);
  if (!(await stat(real)).isDirectory())
    throw new ProjectError(
      'location-refused',
      `${existing} is a file, not a folder, so nothing can be saved inside it.`,
      `on the way to ${target}`,
    );
  const kind = process.platform === 'linux' ? VIRTUAL_FILE_SYSTEMS.get(Number((await statfs(real)).type)) : undefined;
  if (kind) throw refused(target, `${real} is on ${kind}, a virtual file system`);
  return real;
}

function refused(target: string, detail: string): ProjectError {
  return new ProjectError(
    'location-refused',
    `Folio does not save into ${target}: it is a system location, not a folder for documents. Choose a folder in your home folder.`,
    detail,
  );
}

function notThere(error: NodeJS.ErrnoException): null {
  // ENOTDIR: a file on the way; the walk up finds it and checkedFolder says so.
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
  throw new ProjectError('write-failed', `The folder ${error.path ?? ''} could not be read.`, describeError(error));
}
