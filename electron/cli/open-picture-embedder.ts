import path from 'node:path';
import { defaultModelsDir } from '../../native-models/catalog/models-folder';
import { CATALOG_EMBEDDING_MODEL, isComplete } from '../studio/library/find-embedding-model';
import { LibraryError } from '../studio/library/library-error';
import { PictureEmbedder } from '../studio/library/picture-embedder';
import { UsageError } from '../studio/options/usage-error';
import { integerOption } from '../studio/options/parse-options';

/** The image-embedding model for `index`, `compose --library` and `eval retrieval`: --embedding-model DIR, else the catalog's download. */
export async function openPictureEmbedder(values: {
  'embedding-model'?: string;
  'models-dir'?: string;
  threads?: string;
}): Promise<PictureEmbedder> {
  const dir = values['embedding-model']
    ? path.resolve(values['embedding-model'])
    : path.join(values['models-dir'] ? path.resolve(values['models-dir']) : defaultModelsDir(), CATALOG_EMBEDDING_MODEL);
  if (!(await isComplete(dir)))
    throw new UsageError(
      values['embedding-model']
        ? `not an image-embedding model folder (vision_model.onnx, text_model.onnx, tokenizer.json, clip-model.json): ${dir}`
        : `the picture-search model is not downloaded: run "folio models pull ${CATALOG_EMBEDDING_MODEL}" or pass --embedding-model DIR`,
    );
  const threads = integerOption(values.threads, '--threads', { min: 1 });
  try {
    return await PictureEmbedder.start(dir, threads === undefined ? {} : { threads });
  } catch (error) {
    if (error instanceof LibraryError) throw new UsageError(`${error.message} ${error.detail ?? ''}`.trim());
    throw error;
  }
}

export const EMBEDDING_OPTIONS = {
  'embedding-model': { type: 'string' },
  'models-dir': { type: 'string' },
  threads: { type: 'string' },
} as const;
