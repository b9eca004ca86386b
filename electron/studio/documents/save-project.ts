/**
 * Saving never damages the last saved state. Both files are serialized first; pictures go in
 * (content-addressed files, never overwritten with different bytes); then project.json; then
 * document.json, the commit point, each replaced atomically through project-writes.ts.
 * Autosaves go to `.autosave/` only and are cleared by a save.
 */
import { mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { emptyDocument, referencedAssetIds, type ArticleDocument } from './article-document';
import { listAssets, storeAsset } from './project-assets';
import { diskIsFull } from './disk-full';
import { ProjectError, describeError } from './project-error';
import { AUTOSAVE_DIR, DOCUMENT_FILE, MANIFEST_FILE, PROJECT_EXTENSION, folderInside } from './project-files';
import { emptyManifest, type ProjectManifest } from './project-manifest';
import { makeProjectFolder, removeProjectFile, syncProjectFolder, writeProjectFile } from './project-writes';
import { makeWritableFolder } from './writable-folder';

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
  const parent = await makeWritableFolder(parentDir);
  const dir = path.join(parent, `${folderName(title)}${PROJECT_EXTENSION}`);
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new ProjectError('project-exists', `A project with this name already exists: ${dir}`);
    throw new ProjectError('write-failed', `The project folder could not be made: ${dir}`, describeError(error));
  }
  await saveProject(dir, { document: state?.document ?? emptyDocument(), manifest: state?.manifest ?? emptyManifest(title) });
  return dir;
}

/** Saves the article: the writer's explicit save, which also clears the autosave. */
export async function saveProject(dir: string, state: ProjectState, options: SaveOptions = {}): Promise<void> {
  const root = await writableRoot(dir);
  const saved = { document: state.document, manifest: { ...state.manifest, updatedAt: (options.now ?? new Date()).toISOString() } };
  await writeState(root, '', saved, serialize(saved), options);
  await guard(() => clearAutosave(root));
}

/** Saves to `.autosave/` (crash recovery); the saved document is not touched. */
export async function autosaveProject(dir: string, state: ProjectState, options: SaveOptions = {}): Promise<void> {
  const root = await writableRoot(dir);
  const files = serialize(state);
  await guard(() => makeProjectFolder(root, AUTOSAVE_DIR));
  await writeState(root, AUTOSAVE_DIR, state, files, options);
}

/** The writer declined the recovered work (or took it and saved). */
export async function discardAutosave(dir: string): Promise<void> {
  await guard(async () => clearAutosave(await writableRoot(dir)));
}

interface SerializedState {
  manifest: string;
  document: string;
}

/** Both files as text before either is written: a document that cannot be serialized changes nothing on disk. */
function serialize(state: ProjectState): SerializedState {
  try {
    return { manifest: `${JSON.stringify(state.manifest, null, 2)}\n`, document: `${JSON.stringify(state.document)}\n` };
  } catch (error) {
    throw new ProjectError(
      'write-failed',
      'The article could not be written out, so it was not saved (the last saved version is unchanged).',
      describeError(error),
    );
  }
}

async function writeState(root: string, folder: string, state: ProjectState, files: SerializedState, options: SaveOptions): Promise<void> {
  for (const bytes of options.assets ?? []) await storeAsset(root, bytes);
  const present = await listAssets(root);
  const absent = [...referencedAssetIds(state.document)].filter((id) => !present.files.has(id));
  if (absent.length > 0) {
    throw new ProjectError(
      'asset-missing',
      'The article refers to a picture that is not in the project, so it was not saved (the last saved version is unchanged).',
      `missing: ${absent.join(', ')}`,
    );
  }
  await guard(async () => {
    await writeProjectFile(root, path.posix.join(folder, MANIFEST_FILE), files.manifest);
    await writeProjectFile(root, path.posix.join(folder, DOCUMENT_FILE), files.document);
  });
}

/** Only an autosave inside the project is cleared; one whose folder leads elsewhere is not ours to delete. */
async function clearAutosave(root: string): Promise<void> {
  const inside = await folderInside(root, AUTOSAVE_DIR).catch((error: unknown) => {
    if (error instanceof ProjectError && error.code === 'path-escapes') return null;
    throw error;
  });
  if (!inside) return;
  // The document first: without it, a leftover project.json is never offered.
  await removeProjectFile(root, `${AUTOSAVE_DIR}/${DOCUMENT_FILE}`);
  await removeProjectFile(root, `${AUTOSAVE_DIR}/${MANIFEST_FILE}`);
  await syncProjectFolder(root, AUTOSAVE_DIR);
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
    throw new ProjectError(
      'write-failed',
      diskIsFull(error)
        ? 'The disk is full, so the project could not be saved. Free some space and try again; the last saved version is unchanged.'
        : 'The project could not be saved (is the folder read-only?). The last saved version is unchanged.',
      describeError(error),
    );
  }
}

/** A folder name from the title: no path separators or characters Windows forbids, never hidden. */
export function folderName(title: string): string {
  const cleaned = title
    // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return cleaned || 'Untitled';
}
