import { stat } from 'node:fs/promises';
import path from 'node:path';
import { defaultLibraryPath } from '../studio/library/default-library-path';
import { ImageLibrary } from '../studio/library/image-library';
import { indexFolder, type IndexProgress, type IndexSummary } from '../studio/library/index-folder';
import { LibraryError, SKIP_REASON_TEXT } from '../studio/library/library-error';
import { UsageError } from '../studio/options/usage-error';
import { parseCommandLine } from '../studio/options/model-options';
import { progressReporter } from './progress-reporter';
import { abortOnInterrupt } from './abort-on-interrupt';
import { EMBEDDING_OPTIONS, openPictureEmbedder } from './open-picture-embedder';

/** A folder of thousands of broken files should not bury the summary. */
const MAX_LISTED = 20;

/**
 * `folio index DIR`: embed the new and changed pictures under DIR into the image library, remove
 * deleted ones. `folio index --list`: the folders indexed with their counts and skipped files;
 * `folio index --remove DIR`: take a folder out.
 */
export async function runIndex(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    ...EMBEDDING_OPTIONS,
    'library-db': { type: 'string' },
    list: { type: 'boolean' },
    remove: { type: 'string' },
    verbose: { type: 'boolean' },
  });
  const libraryFile = path.resolve(values['library-db'] ?? defaultLibraryPath());
  if (values.list || values.remove) {
    const library = openLibrary(libraryFile);
    try {
      if (values.remove) removeFolder(library, path.resolve(values.remove));
      process.stdout.write(foldersText(library, libraryFile));
      return 0;
    } finally {
      library.close();
    }
  }
  if (positionals.length !== 1) throw new UsageError('index needs one folder, e.g. folio index ~/Pictures (or --list, --remove DIR)');
  const folder = path.resolve(positionals[0] as string);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(info ? `not a folder: ${folder}` : `the image folder could not be found: ${folder}`);

  const library = openLibrary(libraryFile);
  const embedder = await openPictureEmbedder(values).catch((error: unknown) => {
    library.close();
    throw error;
  });
  const progress = progressReporter();
  const interrupt = abortOnInterrupt();
  try {
    const summary = await indexFolder(library, folder, {
      embedder,
      signal: interrupt.signal,
      onProgress: (event) => progress.update(...progressLine(event, folder)),
    });
    progress.done();
    process.stdout.write(summaryText(summary, libraryFile, embedder.description.name));
    return summary.cancelled ? 130 : 0;
  } finally {
    interrupt.release();
    progress.done();
    await embedder.close();
    library.close();
  }
}

function openLibrary(file: string): ImageLibrary {
  try {
    return ImageLibrary.open(file);
  } catch (error) {
    // A library file we cannot use is the caller's input, like a bad model file: exit 2.
    if (error instanceof LibraryError) throw new UsageError(error.message);
    throw error;
  }
}

function removeFolder(library: ImageLibrary, folder: string): void {
  if (!library.folders().some((entry) => entry.path === folder)) throw new UsageError(`this folder is not in the library: ${folder}`);
  const removed = library.removeFolder(folder);
  process.stdout.write(`Removed ${folder}: ${removed} picture${removed === 1 ? '' : 's'} left the library.\n`);
}

function progressLine(event: IndexProgress, folder: string): [string, number?] {
  if (event.phase === 'scanning') return [`Looking for pictures: ${event.done} files`];
  if (event.done === event.total) return [`Checked ${event.total} new or changed files`, 1];
  const speed = event.perSecond ? ` (${event.perSecond.toFixed(1)}/s)` : '';
  const current = event.current ? `: ${shortened(path.relative(folder, event.current))}` : '';
  return [`Embedding ${event.done}/${event.total}${speed}${current}`, event.done / event.total];
}

/** Long paths would wrap and break the redrawn progress line: keep the end, where the file name is. */
function shortened(relativePath: string, max = 48): string {
  return relativePath.length <= max ? relativePath : `…${relativePath.slice(-(max - 1))}`;
}

function listed<T>(items: readonly T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, MAX_LISTED).map(line);
  if (items.length > MAX_LISTED) lines.push(`    and ${items.length - MAX_LISTED} more`);
  return lines;
}

function summaryText(summary: IndexSummary, libraryFile: string, model: string): string {
  const relative = (file: string) => path.relative(summary.folder, file) || file;
  const lines = [
    `${summary.cancelled ? 'Stopped; what was finished is kept' : 'Indexed'}: ${summary.folder}`,
    `Library: ${libraryFile} (pictures embedded by ${model})`,
    `  added       ${summary.added}`,
    ...(summary.embedded > 0 ? [`  embedded    ${summary.embedded} (already in the library, without an embedding from this model)`] : []),
    `  duplicates  ${summary.duplicates.length}`,
    ...listed(summary.duplicates, (entry) => `    ${relative(entry.path)}: the same picture as ${relative(entry.sameAs)}, merged`),
    `  unchanged   ${summary.unchanged}`,
    `  removed     ${summary.removed}`,
    `  skipped     ${summary.skipped.length}`,
    ...listed(summary.skipped, (skip) => `    ${relative(skip.path)}: ${SKIP_REASON_TEXT[skip.reason]}`),
  ];
  return `${lines.join('\n')}\n`;
}

function foldersText(library: ImageLibrary, libraryFile: string): string {
  const folders = library.folders();
  const lines = [`Library: ${libraryFile}, ${library.imageCount()} pictures`];
  if (folders.length === 0) lines.push('  no folder indexed yet: folio index DIR');
  for (const folder of folders) {
    const when = folder.indexedAt ? new Date(folder.indexedAt).toISOString().slice(0, 16).replace('T', ' ') : 'not finished';
    lines.push(
      `  ${folder.path}`,
      `    ${folder.pictures} pictures, ${folder.duplicates} duplicates, ${folder.skipped} skipped; indexed ${when}`,
    );
    lines.push(
      ...listed(
        library.skippedUnder(folder.path, MAX_LISTED + 1),
        (skip) => `    ${path.relative(folder.path, skip.path)}: ${SKIP_REASON_TEXT[skip.reason]}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
