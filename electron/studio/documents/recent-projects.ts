/**
 * The recent-projects list: `recent.json` in the app-data folder, beside the library
 * ($XDG_DATA_HOME/folio on Linux). Newest first, one entry per folder, capped, replaced
 * atomically. A damaged list is treated as empty: it is a convenience, not the writer's work.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultLibraryPath } from '../library/default-library-path';
import { writeFileAtomic } from './write-file-atomic';

export interface RecentProject {
  dir: string;
  title: string;
  /** ISO time it was last opened or saved. */
  openedAt: string;
}

/** @default 20 */
const MAX_RECENT_PROJECTS = 20;

export function defaultRecentProjectsPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return path.join(path.dirname(defaultLibraryPath(env, platform)), 'recent.json');
}

export async function readRecentProjects(file: string = defaultRecentProjectsPath()): Promise<RecentProject[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return [];
  }
  const entries = Array.isArray(raw) ? raw : [];
  return entries.filter(
    (entry): entry is RecentProject =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof entry.dir === 'string' &&
      path.isAbsolute(entry.dir) &&
      typeof entry.title === 'string' &&
      typeof entry.openedAt === 'string',
  );
}

/** Puts the project at the top of the list (moving it if it was there already). */
export async function addRecentProject(
  project: { dir: string; title: string },
  file: string = defaultRecentProjectsPath(),
  now = new Date(),
): Promise<RecentProject[]> {
  const dir = path.resolve(project.dir);
  const others = (await readRecentProjects(file)).filter((entry) => !samePath(entry.dir, dir));
  const list = [{ dir, title: project.title, openedAt: now.toISOString() }, ...others].slice(0, MAX_RECENT_PROJECTS);
  await writeList(file, list);
  return list;
}

/** Removes a project (the writer removed it from the list, or it was not found any more). */
export async function removeRecentProject(dir: string, file: string = defaultRecentProjectsPath()): Promise<RecentProject[]> {
  const list = (await readRecentProjects(file)).filter((entry) => !samePath(entry.dir, path.resolve(dir)));
  await writeList(file, list);
  return list;
}

async function writeList(file: string, list: RecentProject[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(list, null, 2)}\n`);
}

// Windows and macOS folders are case-insensitive by default.
function samePath(a: string, b: string): boolean {
  const normalize = (p: string): string => (process.platform === 'linux' ? path.normalize(p) : path.normalize(p).toLowerCase());
  return normalize(a).replace(/[\\/]+$/, '') === normalize(b).replace(/[\\/]+$/, '');
}
