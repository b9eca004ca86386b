/**
 * The pictures of a project: `assets/<sha256>.<ext>`, written once and never changed (the name
 * is the content), so writing one early can never damage a saved state. Reading checks the
 * bytes against the name: a damaged file is reported, not shown.
 */
import { createHash } from 'node:crypto';
import { readdir, realpath } from 'node:fs/promises';
import { PICTURE_TYPES, PICTURE_TYPE_NAMES } from '../../../native-models/images/picture-types';
import { sniffImageType } from '../../../native-models/images/sniff-image-type';
import { ASSET_ID } from '../../contract/asset-id';
import { assetFileName } from './asset-file-name';
import { diskIsFull } from './disk-full';
import { ProjectError, describeError } from './project-error';
import { ASSETS_DIR, PROJECT_FILE_LIMITS, megabytes, readProjectFile, resolveInside } from './project-files';
import { makeProjectFolder, writeProjectFile } from './project-writes';

const ASSET_FILE = new RegExp(
  `^(${ASSET_ID})\\.(${[...new Set(PICTURE_TYPES.map((type) => type.extensions[0]?.slice(1))), 'bin'].join('|')})$`,
);

/** The asset files present in a project, by asset id. `root` is the project's real path. */
export interface ProjectAssets {
  root: string;
  files: Map<string, string>;
}

export type LoadedAsset =
  | { bytes: Buffer; mimeType: string; file: string }
  | { problem: 'missing' | 'damaged' | 'too-large' | 'escapes'; file: string | null; detail?: string };

export async function listAssets(root: string): Promise<ProjectAssets> {
  const files = new Map<string, string>();
  const dir = await resolveInside(root, ASSETS_DIR);
  if (!dir) return { root, files };
  const names = await readdir(dir).catch((error: unknown) => {
    throw new ProjectError('file-unreadable', 'The assets folder in the project could not be read.', describeError(error));
  });
  for (const name of names.sort()) {
    const match = ASSET_FILE.exec(name);
    if (match && !files.has(match[1] as string)) files.set(match[1] as string, name);
  }
  return { root, files };
}

/** Reads one picture, checked: inside the project, under the size cap, bytes matching the name. */
export async function loadAsset(assets: ProjectAssets, assetId: string): Promise<LoadedAsset> {
  const name = assets.files.get(assetId);
  if (!name) return { problem: 'missing', file: null };
  const file = `${ASSETS_DIR}/${name}`;
  let bytes: Buffer | null;
  try {
    bytes = await readProjectFile(assets.root, file, PROJECT_FILE_LIMITS.asset);
  } catch (error) {
    if (!(error instanceof ProjectError)) throw error;
    const problem = error.code === 'path-escapes' ? 'escapes' : error.code === 'file-too-large' ? 'too-large' : 'damaged';
    return { problem, file, detail: error.detail ?? error.message };
  }
  if (!bytes) return { problem: 'missing', file };
  if (sha256(bytes) !== assetId) return { problem: 'damaged', file, detail: 'contents do not match the file name' };
  const mimeType = sniffImageType(bytes);
  if (!mimeType) return { problem: 'damaged', file, detail: `not a ${PICTURE_TYPE_NAMES} picture` };
  return { bytes, mimeType, file };
}

/** What the writer is told about a picture that could not be used. */
export function assetProblemText(problem: Exclude<LoadedAsset, { bytes: Buffer }>['problem']): string {
  return {
    missing: 'its picture is missing from the project',
    damaged: 'its picture file in the project is damaged',
    'too-large': `its picture file is too large (over ${megabytes(PROJECT_FILE_LIMITS.asset)})`,
    escapes: 'its picture file points outside the project folder',
  }[problem];
}

/**
 * Stores picture bytes in the project (if not already there) and returns the asset id.
 * `projectDir` must exist. Only pictures are stored; check them with prepareImage first.
 */
export async function storeAsset(projectDir: string, bytes: Uint8Array): Promise<{ assetId: string; file: string; mimeType: string }> {
  const mimeType = sniffImageType(bytes);
  if (!mimeType) throw new ProjectError('image-refused', `This is not a ${PICTURE_TYPE_NAMES} picture.`);
  const assetId = sha256(bytes);
  const name = assetFileName(assetId, mimeType);
  const root = await realpath(projectDir).catch((error: unknown) => {
    throw new ProjectError('project-missing', `The project folder could not be found: ${projectDir}`, describeError(error));
  });
  try {
    await makeProjectFolder(root, ASSETS_DIR);
    const existing = await readProjectFile(root, `${ASSETS_DIR}/${name}`, PROJECT_FILE_LIMITS.asset).catch(() => null);
    if (!existing || sha256(existing) !== assetId) await writeProjectFile(root, `${ASSETS_DIR}/${name}`, bytes);
  } catch (error) {
    if (error instanceof ProjectError) throw error;
    throw new ProjectError(
      'write-failed',
      diskIsFull(error)
        ? 'The disk is full, so the picture could not be saved in the project. Free some space and try again.'
        : 'The picture could not be saved in the project (is the folder read-only?).',
      describeError(error),
    );
  }
  return { assetId, file: `${ASSETS_DIR}/${name}`, mimeType };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
