/**
 * Finds pictures in the library for a text (a figure title, or what the writer types in the
 * search box): the pictures whose embeddings are nearest the text's in the image-embedding
 * model's space (above a cut-off), fused with full-text matches on whatever captions exist and
 * on file names. Without the embedding model the search is by words only.
 */
import { existsSync } from 'node:fs';
import type { ImageLibrary } from './image-library';
import type { TextEmbedder } from './picture-embedder';
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
  embedder?: TextEmbedder;
  /**
   * Whether the meaning half keeps only pictures that match (the model's floor, then MEANING_CUTOFF).
   * Compose turns it off: the vision-language model looks at the candidates and chooses.
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
  /** 'words': caption or file name contains words of the query; 'meaning': the picture's embedding is near the query's. */
  matchedBy: Array<'words' | 'meaning'>;
}

/** How deep each ranking goes before fusion: enough for a picture ranked low in one list to win on the other. */
const CANDIDATES_PER_RANKING = 50;

/**
 * The cut-off for the meaning half. Nearest neighbours always exist, so without one every
 * search returned pictures, nonsense included. First the model's own floor (clip-model.json's
 * matchFloor: the cosine under which its text and picture do not match, from what is published
 * about the model; see native-models/catalog/model-catalog.json), where it is known; then, among
 * the pictures left, those that stand out from the rest (more similar than the mean by half a
 * standard deviation) and are at least half as similar as the best match. The second rule alone
 * is what a model of unknown calibration (random weights, the tests' tiny one) gets. What the
 * words half found is never cut.
 */
const MEANING_CUTOFF = { deviationsAboveMean: 0.5, ofBest: 0.5 } as const;

function nearInMeaning(all: readonly SimilarImage[], floor: number | null): number[] {
  const hits = floor === null ? all : all.filter((hit) => hit.similarity >= floor);
  if (hits.length === 0) return [];
  const similarities = hits.map((hit) => hit.similarity);
  const mean = similarities.reduce((sum, value) => sum + value, 0) / similarities.length;
  const deviation = Math.sqrt(similarities.reduce((sum, value) => sum + (value - mean) ** 2, 0) / similarities.length);
  const best = Math.max(...similarities);
  // Above a known floor, pictures equally near (one alone, or copies) all match; none stands out from the others.
  const standsOut = (similarity: number) =>
    (floor !== null && deviation === 0) || similarity > mean + MEANING_CUTOFF.deviationsAboveMean * deviation;
  return hits.filter((hit) => standsOut(hit.similarity) && hit.similarity >= best * MEANING_CUTOFF.ofBest).map((hit) => hit.id);
}

export async function searchLibrary(library: ImageLibrary, query: string, options: SearchOptions = {}): Promise<LibraryMatch[]> {
  const limit = options.limit ?? 4;
  if (limit <= 0) return [];
  const exclude = excludedIds(library, options.exclude ?? []);
  const depth = Math.max(CANDIDATES_PER_RANKING, limit * 4);

  const match = fullTextQuery(query);
  const words = match ? library.textMatches(match, depth, exclude) : [];
  const embedder = options.embedder;
  const near =
    query.trim() && canCompare(library, embedder)
      ? library.similarImages((await embedder.embedTexts([query]))[0] as Float32Array, depth, exclude)
      : [];
  const meaning = options.cutOff === false ? near.map((hit) => hit.id) : nearInMeaning(near, embedder?.description.matchFloor ?? null);

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

function canCompare(library: ImageLibrary, embedder: TextEmbedder | undefined): embedder is TextEmbedder {
  return embedder !== undefined && library.embeddingModel()?.model === embedder.description.id;
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
