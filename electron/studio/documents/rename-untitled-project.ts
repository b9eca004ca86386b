/**
 * An untitled project (the first-run scratch project, or one made by New without a title) takes
 * its article's title on its first save: `Untitled.folio` becomes `Harbour towns.folio` beside
 * it. One rename(2) of the whole folder, so the document, the pictures and the autosave move
 * together or not at all: nothing the writer wrote can be left behind in the old folder.
 */
import { lstat, rename } from 'node:fs/promises';
import path from 'node:path';
import { ProjectError, describeError } from './project-error';
import { PROJECT_EXTENSION } from './project-files';
import { folderName } from './save-project';

/** Past this many "Title N" folders the project keeps its untitled name (the writer can Save As). */
const MAX_SAME_NAME = 50;

const UNTITLED_FOLDER = /^Untitled( \d+)?\.folio$/i;

/** Whether `dir` is a project Folio named for the writer (Untitled, Untitled 2…) in its own projects folder. */
export function isUntitledProject(dir: string, projectsDir: string): boolean {
  return path.dirname(path.resolve(dir)) === path.resolve(projectsDir) && UNTITLED_FOLDER.test(path.basename(dir));
}

/** Renames the project folder `dir` for `title` ("title 2"… when taken); returns the new folder and the title it got. */
export async function renameUntitledProject(dir: string, title: string): Promise<{ dir: string; title: string }> {
  const name = folderName(title);
  for (let copy = 1; copy <= MAX_SAME_NAME; copy++) {
    const named = copy === 1 ? name : `${name} ${copy}`;
    const target = path.join(path.dirname(dir), `${named}${PROJECT_EXTENSION}`);
    if (target === dir) return { dir, title: named };
    // rename(2) replaces an empty folder silently and fails on one with files: look first.
    if (await exists(target)) continue;
    try {
      await rename(dir, target);
      return { dir: target, title: named };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTEMPTY') continue;
      throw new ProjectError('write-failed', `The project could not be renamed to “${named}”.`, describeError(error));
    }
  }
  throw new ProjectError('project-exists', `There are already ${MAX_SAME_NAME} projects called “${name}”.`);
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}
