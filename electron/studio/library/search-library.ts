/**
 * Finds pictures in the library for a text (a figure title, or what the writer types in the
 * search box): full-text matches on captions and file names, fused with the pictures whose
 * caption embeddings are near the text's (above a cut-off), when a describer is given to embed it.
 */
import { existsSync } from 'node:fs';
import type { ImageDescriber } from './image-describer';
import type { ImageLibrary } from './image-library';
import type { SimilarImage } from './embedding-matrix';
import { fullTextQuery } from './full-text-query';
import { fuseRankings } from './reciprocal-rank-fusion';

export interface SearchOptions {
  /**
   * Most pictures returned; fewer when the library has fewer that match.
   * @default 4
   */
  limit?: number;
  /** Pictures never to return, by library id (number) or content sha256 (string): those already used. */
  exclude?: Iterable<number | string>;
  /** Embeds the query for the meaning-based half. Without it, the search is full-text only. */
  describer?: Pick<ImageDescriber, 'model' | 'embed'>;
  /**
   * Whether the meaning half keeps only captions that stand out (MEANING_CUTOFF). Compose turns
   * it off: the model looks at the candidates and chooses, and a figure with none stays empty.
   * @default true
   */
  cutOff?: boolean;
}

export interface LibraryMatch {
  id: number;
  sha256: string;
  path: string;
  caption: string;
  width: number;
  height: number;
  /** Fused score: higher is better; only comparable within one search. */
  score: number;
  /** 'words': caption or file name contains words of the query; 'meaning': the caption's embedding is near the query's. */
  matchedBy: Array<'words' | 'meaning'>;
}

/** How deep each ranking goes before fusion: enough for a picture ranked low in one list to win on the other. */
const CANDIDATES_PER_RANKING = 50;

/**
 * The cut-off for the meaning half. Nearest neighbours always exist, so without one every
 * search returned every picture. A caption counts as near in meaning when it stands out from
 * the rest (more similar than the mean by half a standard deviation: a model's embeddings may
 * all be alike, or all noise) and is at least half as similar as the best match. What the words
 * half found is never cut.
 */
const MEANING_CUTOFF = { deviationsAboveMean: 0.5, ofBest: 0.5 } as const;

function nearInMeaning(hits: readonly SimilarImage[]): number[] {
  if (hits.length === 0) return [];
  const similarities = hits.map((hit) => hit.similarity);
  const mean = similarities.reduce((sum, value) => sum + value, 0) / similarities.length;
  const deviation = Math.sqrt(similarities.reduce((sum, value) => sum + (value - mean) ** 2, 0) / similarities.length);
  const best = Math.max(...similarities);
  return hits
    .filter(
      (hit) => hit.similarity > mean + MEANING_CUTOFF.deviationsAboveMean * deviation && hit.similarity >= best * MEANING_CUTOFF.ofBest,
    )
    .map((hit) => hit.id);
}

export async function searchLibrary(library: ImageLibrary, query: string, options: SearchOptions = {}): Promise<LibraryMatch[]> {
  const limit = options.limit ?? 4;
  if (limit <= 0) return [];
  const exclude = excludedIds(library, options.exclude ?? []);
  const depth = Math.max(CANDIDATES_PER_RANKING, limit * 4);

  const match = fullTextQuery(query);
  const words = match ? library.textMatches(match, depth, exclude) : [];
  const near =
    query.trim() && canCompare(library, options.describer)
      ? library.similarImages(await options.describer.embed(query), depth, exclude)
      : [];
  const meaning = options.cutOff === false ? near.map((hit) => hit.id) : nearInMeaning(near);

  const results: LibraryMatch[] = [];
  // One lookup per result, in order: usually `limit` of them, not one for every candidate.
  for (const item of fuseRankings({ words, meaning })) {
    const image = library.imageById(item.id);
    // A file deleted since the last index run cannot be shown or placed.
    if (!image || !existsSync(image.path)) continue;
    results.push({
      id: image.id,
      sha256: image.sha256,
      path: image.path,
      caption: image.caption,
      width: image.width,
      height: image.height,
      score: item.score,
      matchedBy: item.sources,
    });
    if (results.length === limit) break;
  }
  return results;
}

function canCompare(library: ImageLibrary, describer: SearchOptions['describer']): describer is NonNullable<SearchOptions['describer']> {
  return describer !== undefined && library.embeddingModel()?.model === describer.model;
}

function excludedIds(library: ImageLibrary, exclude: Iterable<number | string>): Set<number> {
  const ids = new Set<number>();
  const hashes: string[] = [];
  for (const entry of exclude) {
    if (typeof entry === 'number') ids.add(entry);
    else hashes.push(entry);
  }
  for (const id of library.idsWithHashes(hashes)) ids.add(id);
  return ids;
}
