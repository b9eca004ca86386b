/**
 * Saving never damages the last saved state. Pictures go in first (content-addressed files,
 * never overwritten with different bytes); then project.json; then document.json, the commit
 * point, each replaced atomically. Autosaves go to `.autosave/` only and are cleared by a save.
 */
import { mkdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { emptyDocument, referencedAssetIds, type ArticleDocument } from './article-document';
import { listAssets, storeAsset } from './project-assets';
import { ProjectError, describeError } from './project-error';
import { AUTOSAVE_DIR, DOCUMENT_FILE, MANIFEST_FILE, PROJECT_EXTENSION, resolveInside } from './project-files';
import { emptyManifest, type ProjectManifest } from './project-manifest';
import { syncDirectory, writeFileAtomic } from './write-file-atomic';

export interface ProjectState {
  document: ArticleDocument;
  manifest: ProjectManifest;
}

export interface SaveOptions {
  /** Picture bytes the document refers to that may not be in the project yet. */
  assets?: Uint8Array[];
  now?: Date;
}

/** Makes `parentDir/Title.folio/` with an empty article (or `state`); refuses to touch an existing folder. */
export async function createProject(parentDir: string, title: string, state?: Partial<ProjectState>): Promise<string> {
  const dir = path.join(path.resolve(parentDir), `${folderName(title)}${PROJECT_EXTENSION}`);
  try {
    await mkdir(path.dirname(dir), { recursive: true });
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ProjectError('project-exists', `A project with this name already exists: ${dir}`);
    throw new ProjectError('write-failed', `The project folder could not be made: ${dir}`, describeError(error));
  }
  await saveProject(dir, { document: state?.document ?? emptyDocument(), manifest: state?.manifest ?? emptyManifest(title) });
  return dir;
}

/** Saves the article: the writer's explicit save, which also clears the autosave. */
export async function saveProject(dir: string, state: ProjectState, options: SaveOptions = {}): Promise<void> {
  const root = await writableRoot(dir);
  const manifest = { ...state.manifest, updatedAt: (options.now ?? new Date()).toISOString() };
  await writeState(root, root, { document: state.document, manifest }, options);
  await guard(() => clearAutosave(root));
}

/** Saves to `.autosave/` (crash recovery); the saved document is not touched. */
export async function autosaveProject(dir: string, state: ProjectState, options: SaveOptions = {}): Promise<void> {
  const root = await writableRoot(dir);
  const target = path.join(root, AUTOSAVE_DIR);
  await guard(() => mkdir(target, { recursive: true }));
  if (!(await resolveInside(root, AUTOSAVE_DIR))) throw new ProjectError('write-failed', 'The autosave folder could not be made.');
  await writeState(root, target, state, options);
}

/** The writer declined the recovered work (or took it and saved). */
export async function discardAutosave(dir: string): Promise<void> {
  await guard(async () => clearAutosave(await writableRoot(dir)));
}

async function writeState(root: string, target: string, state: ProjectState, options: SaveOptions): Promise<void> {
  for (const bytes of options.assets ?? []) await storeAsset(root, bytes);
  const present = await listAssets(root);
  const absent = [...referencedAssetIds(state.document)].filter((id) => !present.files.has(id));
  if (absent.length > 0) {
    throw new ProjectError('asset-missing', 'The article refers to a picture that is not in the project, so it was not saved (the last saved version is unchanged).', `missing: ${absent.join(', ')}`);
  }
  await guard(async () => {
    await writeFileAtomic(path.join(target, MANIFEST_FILE), `${JSON.stringify(state.manifest, null, 2)}\n`);
    await writeFileAtomic(path.join(target, DOCUMENT_FILE), `${JSON.stringify(state.document)}\n`);
  });
}

async function clearAutosave(root: string): Promise<void> {
  const dir = path.join(root, AUTOSAVE_DIR);
  if (!(await stat(dir).catch(() => null))) return;
  // The document first: without it, a leftover project.json is never offered.
  await rm(path.join(dir, DOCUMENT_FILE), { force: true });
  await rm(path.join(dir, MANIFEST_FILE), { force: true });
  await syncDirectory(dir);
}

async function writableRoot(dir: string): Promise<string> {
  try {
    const root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
    return root;
  } catch (error) {
    throw new ProjectError('project-missing', `The project folder could not be found: ${path.resolve(dir)}`, describeError(error));
  }
}

async function guard<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ProjectError) throw error;
    throw new ProjectError('write-failed', 'The project could not be saved (is the disk full or read-only?). The last saved version is unchanged.', describeError(error));
  }
}

/** A folder name from the title: no path separators or characters Windows forbids. */
function folderName(title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
  const cleaned = title.replace(/[\u0000-\u001f<>:"/\\|?*]/g, ' ').replace(/^[\s.]+/, '').replace(/\s+/g, ' ').trim().slice(0, 120);
  return cleaned || 'Untitled';
}
