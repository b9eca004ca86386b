/**
 * The layout of a project folder and the one check every path inside it goes through, for
 * reading and (in project-writes.ts) writing, renaming and removing: resolved through
 * symlinks, refused when it leads outside the folder. Files are read only when they are plain
 * files, size-checked on the open handle before a byte is read.
 *
 *   Name.folio/
 *     document.json          the article (Tiptap JSON, versioned)
 *     project.json           model, seeds, where every picture came from
 *     assets/<sha256>.<ext>  the pictures, named by content
 *     .autosave/             autosaves (document.json, project.json); a save clears them
 */
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { ProjectError, describeError } from './project-error';
import { readOutsideFile } from '../../../native-models/files/read-outside-file';

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

/** Reads a plain file inside the project, or null when it is not there (see readOutsideFile). */
export async function readProjectFile(root: string, relative: string, maxBytes: number): Promise<Buffer | null> {
  const real = await resolveInside(root, relative);
  if (!real) return null;
  const read = await readOutsideFile(real, maxBytes);
  if ('bytes' in read) return read.bytes;
  switch (read.problem) {
    case 'missing':
      return null;
    case 'too-large':
      throw new ProjectError(
        'file-too-large',
        `${relative} is too large to open (${megabytes(read.size ?? 0)}; the limit is ${megabytes(maxBytes)}).`,
        read.detail,
      );
    case 'not-a-file':
      throw new ProjectError('file-unreadable', `${relative} in the project is not a file.`, read.detail);
    case 'system-file':
      throw new ProjectError('file-unreadable', `${relative} in the project leads to a system file, not a document.`, read.detail);
    case 'forbidden':
      throw new ProjectError('file-unreadable', `${relative} in the project may not be read (permissions).`, read.detail);
    default:
      throw new ProjectError('file-unreadable', `${relative} in the project could not be read.`, read.detail);
  }
}

/**
 * The real path of a folder inside the project (`relative`, '' for the project itself), for
 * writing into: null when it is not there, `path-escapes` when it (or a symlink on the way)
 * leads outside, `write-failed` when it is not a folder.
 */
export async function folderInside(root: string, relative: string): Promise<string | null> {
  const real = await resolveInside(root, relative);
  if (!real) return null;
  const info = await lstat(real);
  if (!info.isDirectory())
    throw new ProjectError(
      'write-failed',
      `${relative || 'The project'} is not a folder, so nothing was written there.`,
      `${real} is not a directory`,
    );
  return real;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function escapes(relative: string, target: string): ProjectError {
  return new ProjectError('path-escapes', `${relative} points outside the project folder, so it was not opened.`, `resolves to ${target}`);
}
