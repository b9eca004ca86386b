import { stat } from 'node:fs/promises';
import type { CandidateSource } from '../studio/compose/compose-types';
import { libraryCandidates } from '../studio/compose/library-candidates';
import { ImageLibrary, defaultLibraryPath, indexFolder, modelDescriber } from '../studio/library';
import type { ModelSession } from '../studio/model/model-session';
import { UsageError } from '../studio/options/usage-error';
import type { ProgressReporter } from './progress-reporter';

/** `--library DIR`: bring the folder's index up to date (new and changed pictures only), then search it. */
export async function openComposeLibrary(
  folder: string,
  session: ModelSession,
  databasePath: string | undefined,
  progress: ProgressReporter,
  signal: AbortSignal,
): Promise<CandidateSource> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`the library folder could not be found: ${folder}`);
  const library = ImageLibrary.open(databasePath ?? defaultLibraryPath());
  const describer = modelDescriber(session);
  const summary = await indexFolder(library, folder, {
    describer,
    signal,
    onProgress: (step) =>
      progress.update(
        `indexing the library: ${step.phase} ${step.done}${step.total ? `/${step.total}` : ''}`,
        step.total ? step.done / step.total : undefined,
      ),
  });
  progress.update(`library: ${summary.described} new, ${summary.unchanged} unchanged, ${summary.skipped.length} skipped`);
  return libraryCandidates(library, describer);
}
