/**
 * Writes a folder all or nothing (issue 24, cause 8): `write` fills a hidden `.NAME.partial-PID`
 * folder beside it, which is then renamed into place. An existing folder is first renamed to
 * `.NAME.previous-PID` and removed once the new one is in place, so a write killed at any moment
 * (SIGKILL, power, a full disk) leaves the old folder whole: a kill between the two renames
 * leaves it aside, and the next write to that place puts it back before anything else. Written
 * in place, a Markdown-folder export killed halfway left a folder of half its pictures, and an
 * article pointing at pictures of the export before.
 *
 * Only a folder `replaceable` agrees to is replaced (an earlier export's own files): a folder of
 * the writer's that happens to bear the name is refused, never emptied.
 */
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { partialFolderFor, removeStalePartials } from '../../../native-models/convert/stale-partials';
import { processRunning } from '../../../native-models/process-running';
import { ProjectError, describeError } from './project-error';
import { syncDirectory } from './write-file-atomic';

export interface FolderAsideOptions {
  /** Whether an existing folder holding these entries may be replaced whole. @default only an empty one */
  replaceable?: (entries: string[]) => boolean;
}

/** One write per folder at a time in this process (they share the aside folder's name). */
const writing = new Map<string, Promise<unknown>>();

/** Fills `folder` through `write(aside)`, or leaves it as it was; returns what `write` returned. */
export function writeFolderAside<T>(folder: string, write: (aside: string) => Promise<T>, options: FolderAsideOptions = {}): Promise<T> {
  const target = path.resolve(folder);
  const before = writing.get(target) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(() => writeAside(target, write, options));
  writing.set(target, run);
  void run.finally(() => writing.get(target) === run && writing.delete(target)).catch(() => undefined);
  return run;
}

async function writeAside<T>(folder: string, write: (aside: string) => Promise<T>, options: FolderAsideOptions): Promise<T> {
  const parent = path.dirname(folder);
  await removeStalePartials(parent).catch(() => []);
  await restorePrevious(folder);
  const existing = await lstat(folder).catch(() => null);
  if (existing) await checkReplaceable(folder, existing.isDirectory() && !existing.isSymbolicLink(), options);
  const aside = partialFolderFor(folder);
  try {
    await rm(aside, { recursive: true, force: true });
    await mkdir(aside).catch((error: unknown) => {
      throw new ProjectError('write-failed', `A folder could not be made beside ${folder}.`, describeError(error));
    });
    const result = await write(aside);
    await swapIn(aside, folder, existing !== null);
    return result;
  } finally {
    await rm(aside, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function checkReplaceable(folder: string, isFolder: boolean, options: FolderAsideOptions): Promise<void> {
  const entries = isFolder ? await readdir(folder).catch(() => null) : null;
  if (entries && (options.replaceable ?? ((names: string[]) => names.length === 0))(entries)) return;
  throw new ProjectError(
    'location-refused',
    `${folder} already exists and holds other things than Folio wrote there, so it is not replaced. Choose another name.`,
    entries ? `entries: ${entries.slice(0, 20).join(', ')}` : 'not a folder (a file or a link)',
  );
}

/** Renames the new folder into place; an old one goes aside first and is removed after. */
async function swapIn(aside: string, folder: string, replacing: boolean): Promise<void> {
  const parent = path.dirname(folder);
  const previous = previousFolderFor(folder);
  const moved = (what: string) => (error: unknown) => {
    throw new ProjectError('write-failed', `${what}: ${folder}`, describeError(error));
  };
  if (replacing) await rename(folder, previous).catch(moved('The earlier folder could not be moved aside'));
  try {
    await rename(aside, folder);
  } catch (error) {
    if (replacing) await rename(previous, folder).catch(() => undefined);
    moved('The written folder could not be moved into place')(error);
  }
  await syncDirectory(parent).catch(() => undefined);
  if (replacing) await rm(previous, { recursive: true, force: true });
}

function previousFolderFor(folder: string, pid = process.pid): string {
  return path.join(path.dirname(folder), `.${path.basename(folder)}.previous-${pid}`);
}

/**
 * What a write killed between its two renames left: the old folder aside and none in place. It
 * goes back; one left beside a folder that is in place is removed. Never one whose process runs.
 */
async function restorePrevious(folder: string): Promise<void> {
  const parent = path.dirname(folder);
  const prefix = `.${path.basename(folder)}.previous-`;
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const owner = name.startsWith(prefix) ? Number(name.slice(prefix.length)) : NaN;
    if (!Number.isSafeInteger(owner) || owner <= 0 || owner === process.pid || processRunning(owner)) continue;
    const previous = path.join(parent, name);
    const info = await lstat(previous).catch(() => null);
    if (!info?.isDirectory()) continue;
    const inPlace = await lstat(folder).then(
      () => true,
      () => false,
    );
    if (inPlace) await rm(previous, { recursive: true, force: true });
    else await rename(previous, folder);
  }
}
