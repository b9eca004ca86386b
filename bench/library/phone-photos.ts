/**
 * Phone-sized JPEGs (4032 × 3024, 12 MP) with varied content: each a small seeded picture of
 * blurred noise in its own colours, with a few shapes, enlarged smoothly to full size with a
 * sensor-like grain, so files are about as large and as costly to decode as a phone's (2 to 3 MB
 * at quality 88). Making one costs seconds on a busy 2-core machine, so the first 100 are made
 * this way and the rest are copies of them with their own JPEG comment: other files (another
 * content hash, indexed and embedded like any new picture), the same pixels. Written once into
 * the benchmark's cache.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { hash32 } from '../../native-models/demo/prng';
import { benchCacheDir, cached } from './bench-cache';

export const PHONE = { width: 4032, height: 3024 } as const;

/** Photos made from scratch; the rest are byte-different copies of these. */
const DISTINCT_PHOTOS = 100;

/** The JPEG with a comment segment (COM, 0xFFFE) right after its start marker. */
function withComment(jpeg: Buffer, text: string): Buffer {
  const comment = Buffer.from(text, 'latin1');
  const header = Buffer.from([0xff, 0xfe, (comment.length + 2) >> 8, (comment.length + 2) & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), header, comment, jpeg.subarray(2)]);
}

async function phonePhoto(seed: number): Promise<Buffer> {
  const channel = (salt: number) => 40 + (hash32(seed, salt) % 170);
  const small = await sharp({
    create: {
      width: 126,
      height: 95,
      channels: 3,
      background: { r: channel(1), g: channel(2), b: channel(3) },
      noise: { type: 'gaussian', mean: 120, sigma: 60 },
    },
  })
    .blur(1 + (seed % 3))
    .png()
    .toBuffer();
  const shape = (salt: number) =>
    `<circle cx="${hash32(seed, salt) % 126}" cy="${hash32(seed, salt + 1) % 95}" r="${6 + (hash32(seed, salt + 2) % 20)}" fill="rgb(${channel(salt + 3)},${channel(salt + 4)},${channel(salt + 5)})"/>`;
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="126" height="95">${[10, 20, 30].map(shape).join('')}</svg>`);
  const composed = await sharp(small)
    .composite([{ input: svg }])
    .png()
    .toBuffer();
  const { data, info } = await sharp(composed)
    .resize(PHONE.width, PHONE.height, { kernel: 'cubic' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Fine grain on the smooth enlargement, as a camera's sensor noise: JPEG sizes and decode costs like a phone's.
  let state = seed * 2654435761 + 1;
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    data[i] = Math.min(255, Math.max(0, (data[i] as number) + ((state >>> 24) % 25) - 12));
  }
  return sharp(data, { raw: info }).jpeg({ quality: 88 }).toBuffer();
}

/** The folder of `count` photos (the first `count` of the same series every time). */
export function ensurePhonePhotos(count: number, log: (line: string) => void): Promise<string> {
  return cached(path.join(benchCacheDir(), `phone-photos-${count}`), `v3:${count}`, async (dir) => {
    log(`writing ${count} phone-sized JPEGs into ${dir} (once) ...`);
    const started = performance.now();
    const name = (n: number) => path.join(dir, `IMG_${String(n).padStart(4, '0')}.jpg`);
    const distinct = Math.min(count, DISTINCT_PHOTOS);
    for (let n = 0; n < distinct; n++) {
      if (!(await stat(name(n)).catch(() => null))) await writeFile(name(n), await phonePhoto(n));
      if (n % 10 === 9) log(`  ${n + 1} of ${distinct} made (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    for (let n = distinct; n < count; n++) await writeFile(name(n), withComment(await readFile(name(n % distinct)), `copy ${n}`));
  });
}
