import { stat } from 'node:fs/promises';
import type { CandidateSource } from '../studio/compose/compose-types';
import { libraryCandidates } from '../studio/compose/library-candidates';
import { ImageLibrary, defaultLibraryPath, indexFolder } from '../studio/library';
import { modelSearchPhrase } from '../studio/library/model-search-phrase';
import type { ModelSession } from '../studio/model/model-session';
import { UsageError } from '../studio/options/usage-error';
import { openPictureEmbedder } from './open-picture-embedder';
import type { ProgressReporter } from './progress-reporter';

export interface ComposeLibrary {
  source: CandidateSource;
  close(): Promise<void>;
}

/**
 * `--library DIR`: bring the folder's index up to date (new and changed pictures only, embedded
 * by the image-embedding model), then search it by the slot titles.
 */
export async function openComposeLibrary(
  folder: string,
  session: ModelSession,
  values: { 'library-db'?: string; 'embedding-model'?: string; 'models-dir'?: string },
  progress: ProgressReporter,
  signal: AbortSignal,
): Promise<ComposeLibrary> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`the library folder could not be found: ${folder}`);
  // The thread count given for the language model is not the embedding model's: it plans its own.
  const embedder = await openPictureEmbedder({ 'embedding-model': values['embedding-model'], 'models-dir': values['models-dir'] });
  const library = ImageLibrary.open(values['library-db'] ?? defaultLibraryPath());
  const close = async () => {
    await embedder.close();
    library.close();
  };
  try {
    const summary = await indexFolder(library, folder, {
      embedder,
      signal,
      onProgress: (step) =>
        progress.update(
          `indexing the library: ${step.phase} ${step.done}${step.total ? `/${step.total}` : ''}`,
          step.total ? step.done / step.total : undefined,
        ),
    });
    progress.update(`library: ${summary.added} new, ${summary.unchanged} unchanged, ${summary.skipped.length} skipped`);
    return { source: libraryCandidates(library, embedder, modelSearchPhrase(session)), close };
  } catch (error) {
    await close();
    throw error;
  }
}
