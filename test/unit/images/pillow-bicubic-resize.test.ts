/**
 * Folio's resize to a vision tower's size against Pillow itself (Debian's python3-pil): the
 * original processors run torchvision's Resize((n, n), BICUBIC) on a PIL image, which is PIL's
 * own bicubic resize. Shrinking, enlarging, stretching a picture that is not square, noise and
 * hard edges: every channel of every pixel within one level of 255 (it is exact here). sharp's
 * own cubic kernel, the obvious alternative, is up to 12 to 14 levels off on the same pictures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pillowBicubicResize } from '../../../native-models/images/pillow-bicubic-resize';
import { pythonWithTorch } from '../../fixtures/xcomposer2-checkpoint';

function pseudoRandomPixels(width: number, height: number, seed: number): Uint8Array {
  const pixels = new Uint8Array(width * height * 3);
  let state = seed;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const x = Math.floor(i / 3) % width;
    const y = Math.floor(i / 3 / width);
    // Noise on stripes and blocks: smooth parts, hard edges and grain together.
    pixels[i] = (((x >> 3) + (y >> 2)) % 2) * 160 + (state % 96);
  }
  return pixels;
}

async function pillowResize(pixels: Uint8Array, width: number, height: number, outWidth: number, outHeight: number): Promise<Uint8Array> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-pillow-'));
  writeFileSync(path.join(dir, 'in.rgb'), pixels);
  const script = [
    'import sys',
    'from PIL import Image',
    'w, h, ow, oh = map(int, sys.argv[2:6])',
    "image = Image.frombytes('RGB', (w, h), open(sys.argv[1] + '/in.rgb', 'rb').read())",
    "open(sys.argv[1] + '/out.rgb', 'wb').write(image.resize((ow, oh), Image.BICUBIC).tobytes())",
  ].join('\n');
  execFileSync(await pythonWithTorch(), ['-c', script, dir, ...[width, height, outWidth, outHeight].map(String)]);
  return new Uint8Array(readFileSync(path.join(dir, 'out.rgb')));
}

describe('the resize to a vision tower', () => {
  it.each([
    [1000, 750, 490, 490],
    [640, 480, 224, 224],
    [61, 37, 28, 28],
    [20, 30, 28, 28],
    [2048, 1536, 490, 490],
    [300, 300, 490, 490],
  ])(
    'from %i x %i to %i x %i is Pillow’s, to one level of 255',
    async (width, height, outWidth, outHeight) => {
      const pixels = pseudoRandomPixels(width, height, width * 31 + height);
      const mine = pillowBicubicResize(pixels, width, height, outWidth, outHeight);
      const pillow = await pillowResize(pixels, width, height, outWidth, outHeight);
      expect(mine.length).toBe(pillow.length);
      let worst = 0;
      for (let i = 0; i < mine.length; i++) worst = Math.max(worst, Math.abs((mine[i] as number) - (pillow[i] as number)));
      expect(worst).toBeLessThanOrEqual(1);
    },
    60_000,
  );
});
