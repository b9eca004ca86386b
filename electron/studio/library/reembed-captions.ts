import type { ImageDescriber } from './image-describer';
import type { ImageLibrary } from './image-library';

/**
 * When the library's embeddings come from another model than the describer's, the stored
 * captions are embedded again (no new captions: those are text and stay valid). All or
 * nothing: stopped halfway, the old embeddings stay.
 */
export async function reembedCaptions(
  library: ImageLibrary,
  describer: ImageDescriber,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<number | 'cancelled'> {
  const current = library.embeddingModel();
  if (!current || current.model === describer.model) return 0;
  const captions = library.captions().filter((entry) => entry.caption !== '');
  const embeddings: Array<{ id: number; vector: number[] }> = [];
  for (const { id, caption } of captions) {
    if (options.signal?.aborted) return 'cancelled';
    embeddings.push({ id, vector: await describer.embed(caption) });
    options.onProgress?.(embeddings.length, captions.length);
  }
  library.replaceEmbeddings(describer.model, embeddings);
  return embeddings.length;
}
