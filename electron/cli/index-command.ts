import { stat } from 'node:fs/promises';
import path from 'node:path';
import { defaultLibraryPath } from '../studio/library/default-library-path';
import { ImageLibrary } from '../studio/library/image-library';
import { indexFolder, type IndexProgress, type IndexSummary } from '../studio/library/index-folder';
import { LibraryError, SKIP_REASON_TEXT } from '../studio/library/library-error';
import { modelDescriber } from '../studio/library/model-describer';
import { ModelSession } from '../studio/model/model-session';
import { UsageError } from '../studio/options/usage-error';
import { MODEL_OPTIONS, modelSessionOptions, parseCommandLine } from '../studio/options/model-options';
import { progressReporter } from './progress-reporter';
import { abortOnInterrupt } from './abort-on-interrupt';
import { hasProjector } from './has-projector';

/** Captions need the picture's tokens plus a short prompt and answer; 2048 holds the largest projector's 1225. */
const INDEX_CONTEXT = 2048;

/** A folder of thousands of broken files should not bury the summary. */
const MAX_SKIPS_LISTED = 20;

/** `folio index DIR`: caption and embed the pictures under DIR into the image library. */
export async function runIndex(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv);
  if (positionals.length !== 1) throw new UsageError('index needs one folder, e.g. folio index ~/Pictures --model M.gguf --mmproj P.gguf');
  const folder = path.resolve(positionals[0] as string);
  if (!values.model) throw new UsageError('index needs --model FILE (a GGUF language model).');
  if (!(await hasProjector(values))) throw new UsageError('index needs --mmproj FILE: captioning pictures needs the vision projector.');
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(info ? `not a folder: ${folder}` : `the image folder could not be found: ${folder}`);
  const libraryFile = path.resolve(values['library-db'] ?? defaultLibraryPath());

  const library = openLibrary(libraryFile);
  const progress = progressReporter();
  const interrupt = abortOnInterrupt();
  let session: ModelSession | undefined;
  try {
    session = await ModelSession.open(modelSessionOptions(values, { contextSize: INDEX_CONTEXT }));
    const summary = await indexFolder(library, folder, {
      describer: modelDescriber(session),
      signal: interrupt.signal,
      onProgress: (event) => progress.update(...progressLine(event, folder)),
    });
    progress.done();
    process.stdout.write(summaryText(summary, libraryFile));
    return summary.cancelled ? 130 : 0;
  } finally {
    interrupt.release();
    progress.done();
    await session?.close();
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

function progressLine(event: IndexProgress, folder: string): [string, number?] {
  if (event.phase === 'scanning') return [`Looking for pictures: ${event.done} files`];
  if (event.phase === 'embedding') return [`Re-embedding captions for this model: ${event.done}/${event.total}`, event.done / event.total];
  if (event.done === event.total) return [`Checked ${event.total} new or changed files`, 1];
  const current = event.current ? `: ${shortened(path.relative(folder, event.current))}` : '';
  return [`Describing ${event.done + 1}/${event.total}${current}`, event.done / event.total];
}

/** Long paths would wrap and break the redrawn progress line: keep the end, where the file name is. */
function shortened(relativePath: string, max = 48): string {
  return relativePath.length <= max ? relativePath : `…${relativePath.slice(-(max - 1))}`;
}

function summaryText(summary: IndexSummary, libraryFile: string): string {
  const lines = [
    `${summary.cancelled ? 'Stopped; what was finished is kept' : 'Indexed'}: ${summary.folder}`,
    `Library: ${libraryFile}`,
    `  described   ${summary.described}`,
    `  duplicates  ${summary.duplicates}`,
    `  unchanged   ${summary.unchanged}`,
    `  removed     ${summary.removed}`,
    `  skipped     ${summary.skipped.length}`,
    ...summary.skipped
      .slice(0, MAX_SKIPS_LISTED)
      .map((skip) => `    ${path.relative(summary.folder, skip.path)}: ${SKIP_REASON_TEXT[skip.reason]}`),
  ];
  if (summary.skipped.length > MAX_SKIPS_LISTED) lines.push(`    and ${summary.skipped.length - MAX_SKIPS_LISTED} more`);
  if (summary.reembedded > 0) lines.push(`  re-embedded ${summary.reembedded} captions for the new model`);
  return `${lines.join('\n')}\n`;
}

function parseCli(argv: string[]) {
  return parseCommandLine(argv, { ...MODEL_OPTIONS, 'library-db': { type: 'string' } });
}
