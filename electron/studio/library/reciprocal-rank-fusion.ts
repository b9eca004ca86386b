/**
 * Reciprocal-rank fusion: each ranking gives an item 1 / (k + rank); the sums order the result.
 * It needs no calibration between bm25 scores and cosine similarities, which live on different
 * scales. k = 60 is the value from the original paper (Cormack et al., 2009).
 */
export const FUSION_K = 60;

export interface FusedItem<Source extends string> {
  id: number;
  score: number;
  /** The rankings the item appeared in. */
  sources: Source[];
}

export function fuseRankings<Source extends string>(rankings: Record<Source, readonly number[]>, k = FUSION_K): Array<FusedItem<Source>> {
  const fused = new Map<number, FusedItem<Source>>();
  for (const source of Object.keys(rankings) as Source[]) {
    rankings[source].forEach((id, index) => {
      const item = fused.get(id) ?? { id, score: 0, sources: [] };
      item.score += 1 / (k + index + 1);
      item.sources.push(source);
      fused.set(id, item);
    });
  }
  // Ties (same score) go to the ranking listed first (words before meaning: a matching word is
  // the surer sign, and a model's embeddings may be noise), then to the smaller id.
  const order = Object.keys(rankings);
  const first = (item: FusedItem<Source>) => order.indexOf(item.sources[0] as string);
  return [...fused.values()].sort((a, b) => b.score - a.score || first(a) - first(b) || a.id - b.id);
}
