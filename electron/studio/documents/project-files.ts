/**
 * The layout of a project folder and the one way files inside it are read: resolved through
 * symlinks, refused when they lead outside the folder, and size-checked on the open handle
 * before a byte is read.
 *
 *   Name.folio/
 *     document.json          the article (Tiptap JSON, versioned)
 *     project.json           model, seeds, where every picture came from
 *     assets/<sha256>.<ext>  the pictures, named by content
 *     .autosave/             autosaves (document.json, project.json); a save clears them
 */
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { ProjectError, describeError } from './project-error';

export const PROJECT_EXTENSION = '.folio';
export const DOCUMENT_FILE = 'document.json';
export const MANIFEST_FILE = 'project.json';
export const ASSETS_DIR = 'assets';
export const AUTOSAVE_DIR = '.autosave';

const MB = 1024 * 1024;

/** The largest file of each kind that is read at all. */
export const PROJECT_FILE_LIMITS = {
  /** A long illustrated article is a few hundred kilobytes of JSON. */
  document: 50 * MB,
  manifest: 5 * MB,
  /** Above the 40 MB every picture is held to when it is imported. */
  asset: 50 * MB,
} as const;

export const megabytes = (bytes: number): string => `${Math.max(1, Math.round(bytes / MB))} MB`;

/**
 * The real path of `relative` inside the project (whose real path is `root`), or null when
 * nothing is there. A symlink that leads outside the folder is a `path-escapes` error.
 */
export async function resolveInside(root: string, relative: string): Promise<string | null> {
  const joined = path.resolve(root, relative);
  if (!isInside(root, joined)) throw escapes(relative, joined);
  let real: string;
  try {
    real = await realpath(joined);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ProjectError('file-unreadable', `${relative} in the project could not be read.`, describeError(error));
  }
  if (!isInside(root, real)) throw escapes(relative, real);
  return real;
}

/** Reads a file inside the project, or null when it is not there. */
export async function readProjectFile(root: string, relative: string, maxBytes: number): Promise<Buffer | null> {
  const real = await resolveInside(root, relative);
  if (!real) return null;
  let handle;
  try {
    handle = await open(real, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    const why = code === 'EACCES' || code === 'EPERM' ? 'may not be read (permissions)' : 'could not be read';
    throw new ProjectError('file-unreadable', `${relative} in the project ${why}.`, describeError(error));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ProjectError('file-unreadable', `${relative} in the project is not a file.`);
    if (info.size > maxBytes) {
      throw new ProjectError('file-too-large', `${relative} is too large to open (${megabytes(info.size)}; the limit is ${megabytes(maxBytes)}).`, `${real}: ${info.size} bytes`);
    }
    return await handle.readFile();
  } catch (error) {
    if (error instanceof ProjectError) throw error;
    throw new ProjectError('file-unreadable', `${relative} in the project could not be read.`, describeError(error));
  } finally {
    await handle.close();
  }
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function escapes(relative: string, target: string): ProjectError {
  return new ProjectError('path-escapes', `${relative} points outside the project folder, so it was not opened.`, `resolves to ${target}`);
}
