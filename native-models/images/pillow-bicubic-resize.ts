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

/** Where one line of pixels lies in a buffer: its first byte, and the bytes from one pixel to the next. */
interface Lines {
  start: (line: number) => number;
  step: number;
}

/** Resamples `count` lines along one axis, `shift` input positions skipped at the start. */
function resampleLines(input: Uint8Array, from: Lines, output: Uint8Array, to: Lines, count: number, c: Coefficients, shift = 0): void {
  for (let line = 0; line < count; line++) {
    const source = from.start(line);
    const target = to.start(line);
    for (let out = 0; out < c.first.length; out++) {
      const first = (c.first[out] as number) - shift;
      const n = c.count[out] as number;
      const k = out * c.size;
      let r = ONE / 2;
      let g = ONE / 2;
      let b = ONE / 2;
      for (let i = 0; i < n; i++) {
        const w = c.weights[k + i] as number;
        const at = source + (first + i) * from.step;
        r += (input[at] as number) * w;
        g += (input[at + 1] as number) * w;
        b += (input[at + 2] as number) * w;
      }
      const written = target + out * to.step;
      output[written] = clip8(r);
      output[written + 1] = clip8(g);
      output[written + 2] = clip8(b);
    }
  }
}

/** `pixels` is RGB, 3 bytes a pixel, rows top to bottom. */
export function pillowBicubicResize(pixels: Uint8Array, width: number, height: number, outWidth: number, outHeight: number): Uint8Array {
  const horizontal = coefficients(width, outWidth);
  const vertical = coefficients(height, outHeight);
  // Only the rows the vertical pass reads are resized across, as Pillow does.
  const firstRow = vertical.first[0] as number;
  const rows = (vertical.first[outHeight - 1] as number) + (vertical.count[outHeight - 1] as number) - firstRow;
  const across = new Uint8Array(outWidth * rows * 3);
  resampleLines(
    pixels,
    { start: (y) => (y + firstRow) * width * 3, step: 3 },
    across,
    { start: (y) => y * outWidth * 3, step: 3 },
    rows,
    horizontal,
  );
  const out = new Uint8Array(outWidth * outHeight * 3);
  resampleLines(
    across,
    { start: (x) => x * 3, step: outWidth * 3 },
    out,
    { start: (x) => x * 3, step: outWidth * 3 },
    outWidth,
    vertical,
    firstRow,
  );
  return out;
}
