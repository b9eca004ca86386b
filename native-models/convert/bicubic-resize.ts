/**
 * Resizes a square grid of vectors bicubically, exactly as torch.nn.functional.interpolate(
 * mode='bicubic', align_corners=False) does (cubic convolution with A = -0.75, source
 * coordinates (dst + 0.5) * scale - 0.5, edges clamped): how the reference code interpolates
 * CLIP's position embeddings to another image size.
 */
const A = -0.75;

function cubicWeights(t: number): [number, number, number, number] {
  const near = (x: number): number => ((A + 2) * x - (A + 3)) * x * x + 1;
  const far = (x: number): number => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
  return [far(t + 1), near(t), near(1 - t), far(2 - t)];
}

/** `grid` is row-major [from × from × width]; returns [to × to × width]. */
export function resizeGridBicubic(grid: Float32Array, from: number, to: number, width: number): Float32Array {
  const scale = from / to;
  const taps = Array.from({ length: to }, (_, o) => {
    const source = (o + 0.5) * scale - 0.5;
    const base = Math.floor(source);
    const weights = cubicWeights(source - base);
    const index = [-1, 0, 1, 2].map((d) => Math.min(from - 1, Math.max(0, base + d)));
    return { index, weights };
  });
  const out = new Float32Array(to * to * width);
  for (let y = 0; y < to; y++) {
    const ty = taps[y]!;
    for (let x = 0; x < to; x++) {
      const tx = taps[x]!;
      const at = (y * to + x) * width;
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) {
          const weight = ty.weights[i]! * tx.weights[j]!;
          const from0 = (ty.index[i]! * from + tx.index[j]!) * width;
          for (let c = 0; c < width; c++) out[at + c]! += weight * grid[from0 + c]!;
        }
      }
    }
  }
  return out;
}
