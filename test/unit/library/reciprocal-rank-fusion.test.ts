import { describe, expect, it } from 'vitest';
import { FUSION_K, fuseRankings } from '../../../electron/studio/library/reciprocal-rank-fusion';

describe('fuseRankings', () => {
  it('puts an item both rankings agree on above items only one ranking has first', () => {
    const fused = fuseRankings({ words: [10, 20, 30], meaning: [40, 20, 50] });
    expect(fused[0]).toEqual({ id: 20, score: 2 / (FUSION_K + 2), sources: ['words', 'meaning'] });
    expect(fused.map((item) => item.id)).toEqual([20, 10, 40, 30, 50]);
  });

  it('keeps a single ranking in its order', () => {
    expect(fuseRankings({ words: [3, 1, 2], meaning: [] }).map((item) => item.id)).toEqual([3, 1, 2]);
  });

  it('breaks a tie in favour of the ranking listed first, whatever the ids', () => {
    expect(fuseRankings({ words: [9], meaning: [2] }).map((item) => item.id)).toEqual([9, 2]);
  });

  it('gives nothing for nothing', () => {
    expect(fuseRankings({ words: [], meaning: [] })).toEqual([]);
  });
});
