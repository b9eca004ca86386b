/**
 * Resizes 8-bit RGB pixels as Pillow's `Image.resize(size, Image.BICUBIC)` does, which is what
 * torchvision's `Resize((n, n), interpolation=BICUBIC)` runs on a PIL image (the processor of
 * InternLM-XComposer2 and of most CLIP-family models). Learned from Pillow's Resample.c: a
 * separable convolution, horizontal pass first over the rows the vertical pass needs; the cubic
 * kernel with a = -0.5, its support widened by the scale when shrinking (so it averages, not
 * skips); weights normalised per output pixel, then rounded to 22-bit fixed point and summed in
 * integers with rounding, clipped to 0..255. Checked against Debian's python3-pil
 * (test/unit/images/pillow-bicubic-resize.test.ts).
 */

const PRECISION_BITS = 32 - 8 - 2;
const ONE = 2 ** PRECISION_BITS;
const SUPPORT = 2;

function cubic(x: number): number {
  const a = -0.5;
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

interface Coefficients {
  /** Per output position: the first input index and how many follow. */
  first: Int32Array;
  count: Int32Array;
  /** Fixed-point weights, `size` per output position. */
  weights: Int32Array;
  size: number;
}

function coefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = SUPPORT * filterScale;
  const size = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * size);
  const row = new Float64Array(size);
  for (let out = 0; out < outSize; out++) {
    const center = (out + 0.5) * scale;
    // C's (int) truncates toward zero.
    const low = Math.max(0, Math.trunc(center - support + 0.5));
    const high = Math.min(inSize, Math.trunc(center + support + 0.5));
    let total = 0;
    for (let x = 0; x < high - low; x++) {
      row[x] = cubic((x + low - center + 0.5) / filterScale);
      total += row[x] as number;
    }
    for (let x = 0; x < high - low; x++) {
      const weight = total !== 0 ? (row[x] as number) / total : (row[x] as number);
      weights[out * size + x] = weight < 0 ? Math.trunc(-0.5 + weight * ONE) : Math.trunc(0.5 + weight * ONE);
    }
    first[out] = low;
    count[out] = high - low;
  }
  return { first, count, weights, size };
}

function clip8(sum: number): number {
  if (sum >= ONE * 256) return 255;
  if (sum <= 0) return 0;
  return Math.floor(sum / ONE);
}

/** `pixels` is RGB, 3 bytes a pixel, rows top to bottom. */
export function pillowBicubicResize(pixels: Uint8Array, width: number, height: number, outWidth: number, outHeight: number): Uint8Array {
  const horizontal = coefficients(width, outWidth);
  const vertical = coefficients(height, outHeight);
  // Only the rows the vertical pass reads are resized across.
  const firstRow = vertical.first[0] as number;
  const lastRow = (vertical.first[outHeight - 1] as number) + (vertical.count[outHeight - 1] as number);
  const rows = lastRow - firstRow;
  const across = new Uint8Array(outWidth * rows * 3);
  for (let y = 0; y < rows; y++) {
    const source = (y + firstRow) * width * 3;
    for (let x = 0; x < outWidth; x++) {
      const start = horizontal.first[x] as number;
      const n = horizontal.count[x] as number;
      const k = x * horizontal.size;
      let r = ONE / 2;
      let g = ONE / 2;
      let b = ONE / 2;
      for (let i = 0; i < n; i++) {
        const w = horizontal.weights[k + i] as number;
        const at = source + (start + i) * 3;
        r += (pixels[at] as number) * w;
        g += (pixels[at + 1] as number) * w;
        b += (pixels[at + 2] as number) * w;
      }
      const to = (y * outWidth + x) * 3;
      across[to] = clip8(r);
      across[to + 1] = clip8(g);
      across[to + 2] = clip8(b);
    }
  }
  const out = new Uint8Array(outWidth * outHeight * 3);
  for (let y = 0; y < outHeight; y++) {
    const start = (vertical.first[y] as number) - firstRow;
    const n = vertical.count[y] as number;
    const k = y * vertical.size;
    for (let x = 0; x < outWidth; x++) {
      let r = ONE / 2;
      let g = ONE / 2;
      let b = ONE / 2;
      for (let i = 0; i < n; i++) {
        const w = vertical.weights[k + i] as number;
        const at = ((start + i) * outWidth + x) * 3;
        r += (across[at] as number) * w;
        g += (across[at + 1] as number) * w;
        b += (across[at + 2] as number) * w;
      }
      const to = (y * outWidth + x) * 3;
      out[to] = clip8(r);
      out[to + 1] = clip8(g);
      out[to + 2] = clip8(b);
    }
  }
  return out;
}
