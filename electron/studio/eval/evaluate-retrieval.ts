/**
 * Text-to-picture retrieval measured on pairs: the pictures are embedded into a scratch library
 * (the real ImageLibrary and its vector search), every text is searched, and the rank of its own
 * picture gives recall@1, @5 and @10, overall and per language. Also the cosine of each text to
 * its own picture and to the best other one, the numbers a match floor for the model is chosen
 * from (clip-model.json's matchFloor). Given a describer (the vision-language model), every picture
 * is also captioned and each text searched by words over the captions alone, the studio's word
 * search, so the two ways of finding a picture are compared on the same pairs.
 */
import path from 'node:path';
import { ImageLibrary } from '../library/image-library';
import type { PictureEmbedder } from '../library/picture-embedder';
import type { ImageDescriber } from '../library/image-describer';
import { fullTextQuery } from '../library/full-text-query';
import { prepareImage } from '../library/prepare-image';
import type { RetrievalPair } from './retrieval-pairs';

export interface RecallRow {
  language: string;
  pairs: number;
  /** Fractions 0..1. */
  at1: number;
  at5: number;
  at10: number;
}

export interface RetrievalReport {
  pictures: number;
  /** Pairs whose picture could not be read (named, not counted). */
  unreadable: Array<{ row: number; picture: string; reason: string }>;
  overall: RecallRow;
  byLanguage: RecallRow[];
  /** Cosine of each text to its own picture, and to the nearest other picture: quantiles 10, 50, 90. */
  ownSimilarity: [number, number, number];
  bestOtherSimilarity: [number, number, number];
  /** Words over captions written by the vision-language model, when one was given. */
  captions?: { captioned: number; overall: RecallRow; byLanguage: RecallRow[] };
}

export interface RetrievalOptions {
  /** A text in another script as an English phrase (the loaded language model), or null. */
  phrase?: (text: string) => Promise<string | null>;
  /** Captions every picture, for the caption-based search beside the embedding one. */
  describer?: ImageDescriber;
  onProgress?: (done: number, total: number, phase: 'embedding pictures' | 'captioning pictures' | 'searching') => void;
  signal?: AbortSignal;
}

const BATCH = 8;

export async function evaluateRetrieval(
  pairs: readonly RetrievalPair[],
  embedder: PictureEmbedder,
  scratchDir: string,
  options: RetrievalOptions = {},
): Promise<RetrievalReport> {
  const library = ImageLibrary.open(path.join(scratchDir, 'retrieval.sqlite'));
  try {
    library.useEmbeddingModel(embedder.description.id, embedder.description.dimensions);
    const pictures = [...new Set(pairs.map((pair) => pair.picture))];
    const idOf = new Map<string, number>();
    const unreadableReason = new Map<string, string>();
    for (let at = 0; at < pictures.length; at += BATCH) {
      if (options.signal?.aborted) throw new Error('cancelled');
      const batch = pictures.slice(at, at + BATCH);
      const { outcomes } = await embedder.embedFiles(batch);
      batch.forEach((file, index) => {
        const outcome = outcomes[index];
        if (!outcome?.ok) return void unreadableReason.set(file, outcome?.message ?? 'no answer');
        const existing = library.imageWithHash(outcome.sha256);
        const { ok: _ok, vector, ...facts } = outcome;
        const id =
          existing ??
          library.addImage(
            { path: file, byteSize: facts.byteSize, mtimeMs: 0 },
            { ...facts, caption: '', embedding: { model: embedder.description.id, vector } },
          );
        idOf.set(file, id);
      });
      options.onProgress?.(Math.min(at + BATCH, pictures.length), pictures.length, 'embedding pictures');
    }

    const captioned = options.describer ? await captionAll(library, idOf, options.describer, options) : 0;

    const ranks: Array<{ language: string; rank: number }> = [];
    const captionRanks: Array<{ language: string; rank: number }> = [];
    const own: number[] = [];
    const other: number[] = [];
    const everyone = library.imageCount();
    for (const [index, pair] of pairs.entries()) {
      if (options.signal?.aborted) throw new Error('cancelled');
      const id = idOf.get(pair.picture);
      if (id === undefined) continue;
      const text = (await options.phrase?.(pair.text)) ?? pair.text;
      const [vector] = await embedder.embedTexts([text]);
      const ranked = library.similarImages(vector as Float32Array, everyone, new Set());
      const rank = ranked.findIndex((hit) => hit.id === id) + 1;
      ranks.push({ language: pair.language, rank: rank > 0 ? rank : Number.POSITIVE_INFINITY });
      own.push(ranked.find((hit) => hit.id === id)?.similarity ?? Number.NaN);
      other.push(ranked.find((hit) => hit.id !== id)?.similarity ?? Number.NaN);
      if (options.describer) captionRanks.push({ language: pair.language, rank: captionRank(library, text, id, everyone) });
      options.onProgress?.(index + 1, pairs.length, 'searching');
    }
    return {
      pictures: idOf.size,
      unreadable: pairs
        .filter((pair) => unreadableReason.has(pair.picture))
        .map((pair) => ({ row: pair.row, picture: pair.picture, reason: unreadableReason.get(pair.picture) as string })),
      ...recallRows(ranks),
      ownSimilarity: quantiles(own),
      bestOtherSimilarity: quantiles(other),
      ...(options.describer ? { captions: { captioned, ...recallRows(captionRanks) } } : {}),
    };
  } finally {
    library.close();
  }
}

/** Captions every picture with the describer; a picture it fails on keeps none. Returns how many got one. */
async function captionAll(
  library: ImageLibrary,
  idOf: ReadonlyMap<string, number>,
  describer: ImageDescriber,
  options: RetrievalOptions,
): Promise<number> {
  let captioned = 0;
  let done = 0;
  for (const [file, id] of idOf) {
    if (options.signal?.aborted) throw new Error('cancelled');
    const caption = await prepareImage({ path: file })
      .then((picture) => describer.caption(picture, options.signal))
      .catch(() => '');
    if (caption) {
      library.setCaption(id, caption);
      captioned++;
    }
    options.onProgress?.(++done, idOf.size, 'captioning pictures');
  }
  return captioned;
}

/** The rank of picture `id` among the word matches of `text` over the captions alone (bm25, as the studio ranks words). */
function captionRank(library: ImageLibrary, text: string, id: number, limit: number): number {
  const query = fullTextQuery(text);
  if (!query) return Number.POSITIVE_INFINITY;
  const rank = library.textMatches(`caption : (${query})`, limit, new Set()).indexOf(id) + 1;
  return rank > 0 ? rank : Number.POSITIVE_INFINITY;
}

function recallRows(ranks: ReadonlyArray<{ language: string; rank: number }>): { overall: RecallRow; byLanguage: RecallRow[] } {
  const languages = [...new Set(ranks.map((entry) => entry.language))].sort();
  return {
    overall: recall(
      'all',
      ranks.map((entry) => entry.rank),
    ),
    byLanguage: languages.map((language) =>
      recall(
        language,
        ranks.filter((entry) => entry.language === language).map((entry) => entry.rank),
      ),
    ),
  };
}

function recall(language: string, ranks: readonly number[]): RecallRow {
  const within = (k: number) => (ranks.length === 0 ? 0 : ranks.filter((rank) => rank <= k).length / ranks.length);
  return { language, pairs: ranks.length, at1: within(1), at5: within(5), at10: within(10) };
}

function quantiles(values: readonly number[]): [number, number, number] {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return [at(0.1), at(0.5), at(0.9)];
}
