import { ProjectError } from './project-error';
import { createProject } from './save-project';

/** "harbour" made twice gives "harbour" and "harbour 2"; past this many, the writer is asked to tidy up. */
const MAX_SAME_NAME = 50;

/** A new project named `name`, or `name 2`, `name 3`… when that folder is taken. */
export async function createFreshProject(parentDir: string, name: string): Promise<{ dir: string; title: string }> {
  for (let copy = 1; ; copy++) {
    const title = copy === 1 ? name : `${name} ${copy}`;
    try {
      return { dir: await createProject(parentDir, title), title };
    } catch (error) {
      if (!(error instanceof ProjectError) || error.code !== 'project-exists' || copy >= MAX_SAME_NAME) throw error;
    }
  }
}
