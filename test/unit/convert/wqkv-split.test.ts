/**
 * The wqkv split against rows worked out by hand from llama.cpp's InternLM2 conversion:
 * wqkv.reshape(groups, q_per_kv + 2, head_dim, n_embd), q = [:, :q_per_kv], k = [:, -2],
 * v = [:, -1], then q and k permuted per head with reshape(heads, 2, head_dim / 2).swapaxes(1, 2).
 */
import { describe, expect, it } from 'vitest';
import { splitRowMaps } from '../../../native-models/convert/wqkv-split';

const rows = (map: (row: number) => number, count: number): number[] => Array.from({ length: count }, (_, r) => map(r));

describe('splitRowMaps', () => {
  it('splits one group of two query heads (head_dim 4) and permutes q and k to pairs order', () => {
    const maps = splitRowMaps({ headCount: 2, kvHeadCount: 1, headDim: 4 });
    // wqkv rows: q head 0 = 0..3, q head 1 = 4..7, k = 8..11, v = 12..15.
    expect(rows(maps.q, 8)).toEqual([0, 2, 1, 3, 4, 6, 5, 7]);
    expect(rows(maps.k, 4)).toEqual([8, 10, 9, 11]);
    expect(rows(maps.v, 4)).toEqual([12, 13, 14, 15]);
  });

  it('walks the groups in order: q heads of group g come from group g', () => {
    const maps = splitRowMaps({ headCount: 4, kvHeadCount: 2, headDim: 2 });
    // group 0: q0 0..1, q1 2..3, k 4..5, v 6..7; group 1: q2 8..9, q3 10..11, k 12..13, v 14..15.
    expect(rows(maps.q, 8)).toEqual([0, 1, 2, 3, 8, 9, 10, 11]);
    expect(rows(maps.k, 4)).toEqual([4, 5, 12, 13]);
    expect(rows(maps.v, 4)).toEqual([6, 7, 14, 15]);
  });

  it('uses every wqkv row exactly once at XComposer2-7B proportions', () => {
    const shape = { headCount: 32, kvHeadCount: 8, headDim: 128 };
    const maps = splitRowMaps(shape);
    const used = [...rows(maps.q, 4096), ...rows(maps.k, 1024), ...rows(maps.v, 1024)].sort((a, b) => a - b);
    expect(used).toEqual(Array.from({ length: 6144 }, (_, i) => i));
  });
});
