/**
 * InternLM2 stores q, k and v in one `wqkv` matrix, interleaved per key/value group:
 * [q heads of group 0, k of group 0, v of group 0, q heads of group 1, ...]. llama.cpp's own
 * InternLM2 conversion splits it into attn_q / attn_k / attn_v and permutes the rows of q and k
 * within each head from rotate-half order (the first half of a head's dimensions, then the
 * second) to pairs (dimension j next to j + half), the order llama.cpp's rope rotates. These
 * map each output row to its row in `wqkv`; the Partial LoRA's B is split with the same maps.
 */
export interface AttentionShape {
  headCount: number;
  kvHeadCount: number;
  headDim: number;
}

export type RowMap = (outRow: number) => number;

export function splitRowMaps(shape: AttentionShape): { q: RowMap; k: RowMap; v: RowMap } {
  const { headCount, kvHeadCount, headDim } = shape;
  const qPerKv = headCount / kvHeadCount;
  const groupRows = (qPerKv + 2) * headDim;
  const half = headDim / 2;
  // Output row w of a head (pairs order) comes from row (w % 2) * half + floor(w / 2) (halves order).
  const fromPairs = (w: number): number => (w % 2) * half + Math.floor(w / 2);
  return {
    q: (row) => {
      const head = Math.floor(row / headDim);
      const group = Math.floor(head / qPerKv);
      return group * groupRows + (head % qPerKv) * headDim + fromPairs(row % headDim);
    },
    k: (row) => {
      const group = Math.floor(row / headDim);
      return group * groupRows + qPerKv * headDim + fromPairs(row % headDim);
    },
    v: (row) => {
      const group = Math.floor(row / headDim);
      return group * groupRows + (qPerKv + 1) * headDim + (row % headDim);
    },
  };
}
