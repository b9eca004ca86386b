/**
 * The picker's New folder: one folder, inside a folder the picker may show (the same real-path
 * check as listFolder), under a name that is one plain name: no separators, not `.` or `..`.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PickerRoot } from '../../contract/studio-api';
import { typedPath } from './expand-home';
import { resolveInside } from './list-folder';
import { studioError } from './to-studio-error';

// eslint-disable-next-line no-control-regex -- control characters never belong in a folder name
const NOT_IN_A_NAME = /[\\/\u0000-\u001f]/;

/** The new folder's real path. */
export async function createFolder(parent: string, name: string, roots: PickerRoot[], home: string): Promise<string> {
  const trimmed = name.trim();
  if (!trimmed || trimmed === '.' || trimmed === '..' || NOT_IN_A_NAME.test(trimmed)) {
    throw studioError('bad-folder-name', `"${name}" cannot be a folder name: use one name, without / or \\.`);
  }
  const folder = path.join(await resolveInside(typedPath(parent, home), roots), trimmed);
  try {
    await mkdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw studioError('folder-exists', `There is already something named "${trimmed}" here.`, code);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw studioError('folder-not-writable', `Folio may not make a folder in "${parent}": its permissions keep it out.`, code);
    throw studioError(
      'folder-not-made',
      `Folio could not make the folder "${trimmed}".`,
      error instanceof Error ? error.message : String(error),
    );
  }
  return folder;
}
