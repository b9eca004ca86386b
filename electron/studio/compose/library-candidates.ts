import type { ImageLibrary } from '../library/image-library';
import { prepareImage } from '../library/prepare-image';
import { searchLibrary } from '../library/search-library';
import { isImageSkip } from '../library/library-error';
import type { TextEmbedder } from '../library/picture-embedder';
import type { CandidateSource, ImageCandidate } from './compose-types';
import { tooSmallForFigure } from '../library/figure-size';

/** Turns a title the embedding model cannot read (another script) into an English search phrase; null keeps the title. */
export type SearchPhrase = (title: string, signal?: AbortSignal) => Promise<string | null>;

/**
 * The writer's image library as the compose pipeline's candidate source, as the reference does
 * retrieval: the slot title embedded by the image-embedding model, the nearest pictures fused
 * with word matches on captions and file names; the vision-language model then chooses among
 * them while looking at them. Never an image already used nor one too small to illustrate
 * anything. Each match is checked again before the model sees it (the file may have changed
 * since it was indexed); one that no longer passes is left out.
 */
export function libraryCandidates(library: ImageLibrary, embedder: TextEmbedder, phrase?: SearchPhrase): CandidateSource {
  return {
    async search(query, { limit, exclude }) {
      const text = (await phrase?.(query)) ?? query;
      const matches = await searchLibrary(library, text, { limit: limit * 2, exclude, embedder, cutOff: false });
      const candidates: ImageCandidate[] = [];
      for (const match of matches) {
        if (candidates.length === limit) break;
        if (tooSmallForFigure(match)) continue;
        try {
          const prepared = await prepareImage({ path: match.path });
          candidates.push({
            id: match.sha256,
            image: { bytes: prepared.bytes, mimeType: prepared.mimeType },
            original: { path: match.path },
            provenance: 'library',
            caption: match.caption,
          });
        } catch (error) {
          if (!isImageSkip(error)) throw error;
        }
      }
      return candidates;
    },
  };
}
