/**
 * One folder's contents for the browser studio's picker (listFolder): only inside the picker's
 * roots, judged on the real path so that `..` and symlinks cannot lead out; folders first, files
 * only where the purpose wants them, at most FOLDER_LISTING_LIMIT entries, within a time limit.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExportFormat, FolderEntry, FolderListing, ListFolderRequest, PickPurpose, PickerRoot } from '../../contract/studio-api';
import { ARTICLE_EXTENSIONS } from '../../contract/import-formats';
import { withinTime } from '../documents/within-time';
import { typedPath } from './expand-home';
import { insideRoots, outermostRoot } from './picker-roots';
import { studioError } from './to-studio-error';

/** More than a writer scrolls through; a camera folder of 20,000 pictures still answers at once. */
export const FOLDER_LISTING_LIMIT = 2000;
/** A folder on a network share that stops answering gets an error, not a picker that spins. */
const FOLDER_LISTING_TIME_MS = 10_000;

const PROJECT_EXTENSION = '.folio';
const PROJECT_MANIFEST = 'project.json';

/** The files a purpose can use; the other purposes choose folders, so they show none. */
function showsFile(name: string, purpose: PickPurpose, format: ExportFormat | undefined): boolean {
  const extension = path.extname(name).slice(1).toLowerCase();
  if (purpose === 'decoder' || purpose === 'projector') return extension === 'gguf';
  if (purpose === 'benchmark') return extension === 'tsv';
  if (purpose === 'import-article') return ARTICLE_EXTENSIONS.includes(extension);
  // A Markdown folder export is a folder; the others replace a file of their own kind.
  if (purpose === 'export') return format !== undefined && format !== 'md' && extension === format;
  return false;
}

const errnoOf = (error: unknown): string => (error as NodeJS.ErrnoException | null)?.code ?? '';

function outside(shown: string): Error {
  return studioError(
    'outside-allowed-folders',
    `The picker shows only your home folder and Folio's own folders, and "${shown}" is outside them.`,
  );
}

function unreadable(folder: string, error: unknown): Error {
  const code = errnoOf(error);
  if (code === 'ENOENT') return studioError('folder-missing', `The folder "${folder}" does not exist (any more).`, code);
  if (code === 'EACCES' || code === 'EPERM')
    return studioError('folder-unreadable', `Folio may not read the folder "${folder}": its permissions keep it out.`, code);
  if (code === 'ENOTDIR') return studioError('not-a-folder', `"${folder}" is not a folder.`, code);
  return studioError(
    'folder-unreadable',
    `Folio could not read the folder "${folder}".`,
    error instanceof Error ? error.message : String(error),
  );
}

/** The real path of what the request names, refused when it is (or leads) outside the roots. */
export async function resolveInside(typed: string, roots: PickerRoot[]): Promise<string> {
  const lexical = path.resolve(typed);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch (error) {
    // The same answer for a missing path outside as for an existing one: nothing is learned about the rest of the disk.
    if (!insideRoots(lexical, roots)) throw outside(typed);
    throw unreadable(typed, error);
  }
  if (!insideRoots(real, roots)) throw outside(typed);
  return real;
}

/** Folder or file, following a symlink only when it stays inside the roots; null for anything else. */
async function kindOf(folder: string, entry: Dirent, roots: PickerRoot[]): Promise<'folder' | 'file' | null> {
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return null;
  const target = await realpath(path.join(folder, entry.name)).catch(() => null);
  if (!target || !insideRoots(target, roots)) return null;
  const info = await stat(target).catch(() => null);
  return info?.isDirectory() ? 'folder' : info?.isFile() ? 'file' : null;
}

async function isProject(folder: string, name: string, purpose: PickPurpose): Promise<boolean> {
  if (name.toLowerCase().endsWith(PROJECT_EXTENSION)) return true;
  // Only when opening: a project saved under another name is still one, and the check costs a stat per folder.
  return (
    purpose === 'open-project' &&
    (await stat(path.join(folder, name, PROJECT_MANIFEST))
      .then((info) => info.isFile())
      .catch(() => false))
  );
}

async function describe(folder: string, name: string, kind: 'folder' | 'file', purpose: PickPurpose): Promise<FolderEntry> {
  if (kind === 'folder') return { name, kind: (await isProject(folder, name, purpose)) ? 'project' : 'folder' };
  const info = await stat(path.join(folder, name)).catch(() => null);
  return info ? { name, kind, size: info.size, modified: info.mtime.toISOString() } : { name, kind };
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

async function readListing(request: ListFolderRequest, roots: PickerRoot[], home: string): Promise<FolderListing> {
  const first = roots[0];
  if (!first) throw studioError('no-allowed-folders', 'The picker has no folder it may show: type the path instead.');
  const typed = request.path ? typedPath(request.path, home) : first.path;
  let folder = await resolveInside(typed, roots);
  let selected: string | null = null;
  const info = await stat(folder).catch((error: unknown) => Promise.reject(unreadable(typed, error)));
  if (!info.isDirectory()) {
    selected = path.basename(folder);
    folder = path.dirname(folder);
  }
  const dirents = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => Promise.reject(unreadable(folder, error)));
  const shown = dirents.filter((entry) => request.showHidden || !entry.name.startsWith('.'));
  const kinds = await Promise.all(shown.map(async (entry) => ({ name: entry.name, kind: await kindOf(folder, entry, roots) })));
  const wanted = kinds.filter(
    (entry): entry is { name: string; kind: 'folder' | 'file' } =>
      entry.kind === 'folder' || (entry.kind === 'file' && showsFile(entry.name, request.purpose, request.format)),
  );
  wanted.sort((a, b) => (a.kind === b.kind ? byName.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
  const kept = wanted.slice(0, FOLDER_LISTING_LIMIT);
  const entries = await Promise.all(kept.map((entry) => describe(folder, entry.name, entry.kind, request.purpose)));
  const root = outermostRoot(folder, roots) ?? first;
  return {
    path: folder,
    parent: folder === root.path ? null : path.dirname(folder),
    root,
    roots,
    entries,
    more: wanted.length - kept.length,
    selected,
  };
}

/** The listing the picker shows; every failure is a typed StudioError (outside-allowed-folders, folder-missing, folder-unreadable, timed-out). */
export function listFolder(
  request: ListFolderRequest,
  roots: PickerRoot[],
  home: string,
  limitMs = FOLDER_LISTING_TIME_MS,
): Promise<FolderListing> {
  return withinTime(readListing(request, roots, home), 'Listing the folder', limitMs);
}
