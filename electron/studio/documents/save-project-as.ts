/**
 * Save As writes the new project aside, in a hidden `.Title.folio.partial-PID` folder beside
 * where it goes, and renames it into place whole. Written in place, a Save As that failed on a
 * full disk left a half-made project that blocked a retry ('project-exists') and opened as an
 * empty article, and one killed outright left an empty project under the new name. What a
 * killed Save As left aside is removed by the next Save As into the same folder.
 */
import { lstat, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { partialFolderFor, removeStalePartials } from '../../../native-models/convert/stale-partials';
import { ProjectError, describeError } from './project-error';
import { PROJECT_EXTENSION } from './project-files';
import { folderName, saveProject, type ProjectState, type SaveOptions } from './save-project';
import { syncDirectory } from './write-file-atomic';
import { makeWritableFolder } from './writable-folder';

/** Makes `parentDir/Title.folio/` holding `state` and its pictures, or nothing at all; refuses an existing folder. */
export async function saveProjectAs(parentDir: string, title: string, state: ProjectState, options: SaveOptions = {}): Promise<string> {
  const parent = await makeWritableFolder(parentDir);
  const dir = path.join(parent, `${folderName(title)}${PROJECT_EXTENSION}`);
  await removeStalePartials(parent).catch(() => []);
  const refuseExisting = async (): Promise<void> => {
    // rename() would replace an empty folder without a word: look first.
    if (
      await lstat(dir).then(
        () => true,
        () => false,
      )
    )
      throw new ProjectError('project-exists', `A project with this name already exists: ${dir}`);
  };
  await refuseExisting();
  const aside = partialFolderFor(dir);
  try {
    await rm(aside, { recursive: true, force: true });
    await mkdir(aside).catch((error: unknown) => {
      throw new ProjectError('write-failed', `The project folder could not be made beside ${dir}`, describeError(error));
    });
    await saveProject(aside, state, options);
    await refuseExisting();
    await rename(aside, dir).catch((error: unknown) => {
      throw new ProjectError('write-failed', `The saved project could not be moved into place: ${dir}`, describeError(error));
    });
    await syncDirectory(parent).catch(() => undefined);
  } catch (error) {
    await rm(aside, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  return dir;
}
