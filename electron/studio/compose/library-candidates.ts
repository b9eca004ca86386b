import type { ImageDescriber } from '../library/image-describer';
import type { ImageLibrary } from '../library/image-library';
import { prepareImage } from '../library/prepare-image';
import { searchLibrary } from '../library/search-library';
import { isImageSkip } from '../library/library-error';
import type { CandidateSource, ImageCandidate } from './compose-types';
import { tooSmallForFigure } from '../library/figure-size';

/**
 * The writer's image library as the compose pipeline's candidate source: hybrid search on the
 * slot title, never an image already used nor one too small to illustrate anything. Each match is checked again before the model sees it
 * (the file may have changed since it was indexed); one that no longer passes is left out.
 */
export function libraryCandidates(library: ImageLibrary, describer: Pick<ImageDescriber, 'model' | 'embed'>): CandidateSource {
  return {
    async search(query, { limit, exclude }) {
      const matches = await searchLibrary(library, query, { limit: limit * 2, exclude, describer, cutOff: false });
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
