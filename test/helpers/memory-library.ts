import { createHash } from 'node:crypto';
import type { CandidateSource, ImageCandidate } from '../../electron/studio/compose/compose-types';
import { testPicture } from '../fixtures/png';

/** N distinct generated pictures as library candidates, in a fixed order. */
export function generatedCandidates(count: number, provenance: ImageCandidate['provenance'] = 'library'): ImageCandidate[] {
  return Array.from({ length: count }, (_, index) => {
    const bytes = testPicture(index + 1);
    return {
      id: createHash('sha256').update(bytes).digest('hex'),
      image: { bytes, mimeType: 'image/png' },
      provenance,
      caption: `generated picture ${index + 1}`,
    };
  });
}

/** A candidate source over a fixed list: the first matches not excluded (word overlap first). */
export function memoryLibrary(candidates: ImageCandidate[]): CandidateSource & { searches: string[] } {
  const searches: string[] = [];
  return {
    searches,
    async search(query, { limit, exclude }) {
      searches.push(query);
      return candidates.filter((candidate) => !exclude.has(candidate.id)).slice(0, limit);
    },
  };
}
