/**
 * npm run bench:camera-pictures [-- --runs 3] [-- --only heic]
 *
 * What the one picture gate (decodePicture) costs on the large and odd pictures cameras and
 * phones write (issue 22, item 4): per picture, the time to decode it to the model's working
 * size (longest side 2048) and to the embedding model's (shorter side 224), and the peak memory
 * of a process that does only that. Each picture runs in its own child process, so one's memory
 * does not hide in another's. Pictures are made here: photo-like (smoothed noise) JPEGs at 12,
 * 54 and 200 MP, a 54-MP TIFF, HEICs of 12 and 48 MP (libheif's heif-enc), each also with a
 * 320 × 240 thumbnail as iPhones store (the gate decodes it for the 224-px bound), and a PNG bomb
 * at the pixel limit (16384 × 16384 of one colour: 1 MB of file, 805 MB of pixels). `--only`
 * makes and measures only the pictures whose names contain it.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp, { type Sharp } from 'sharp';
import { decodePicture, type PictureBound } from '../../electron/studio/library/decode-picture';
import { ms, percentile } from '../library/percentiles';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, child: { type: 'string' }, file: { type: 'string' }, only: { type: 'string' } },
});

const BOUNDS: Record<string, PictureBound> = { model: { longestSide: 2048 }, embedding: { shortestSide: 224 } };

interface Measured {
  times: number[];
  maxRssMb: number;
  outcome: string;
}

/** Smoothed noise at a small size, enlarged: photo-like gradients and edges, quick to make. */
async function photoLike(width: number, height: number, seed: number): Promise<Sharp> {
  const small = Buffer.alloc(96 * 64 * 3);
  let state = seed * 2654435761;
  for (let i = 0; i < small.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    small[i] = state >>> 24;
  }
  const png = await sharp(small, { raw: { width: 96, height: 64, channels: 3 } })
    .blur(1.5)
    .png()
    .toBuffer();
  return sharp(png).resize(width, height, { kernel: 'cubic' });
}

/** A HEIC of a photo-like PNG made first; `thumbnail`: heif-enc's -t size (an iPhone stores 320 × 240). */
async function heic(out: string, width: number, height: number, seed: number, thumbnail?: number): Promise<void> {
  const png = `${out}.png`;
  writeFileSync(png, await (await photoLike(width, height, seed)).png({ compressionLevel: 1 }).toBuffer());
  const thumbnailOption = thumbnail ? ['-t', String(thumbnail)] : [];
  execFileSync('heif-enc', ['-q', '90', '-p', 'preset=ultrafast', ...thumbnailOption, png, '-o', out], { stdio: 'ignore' });
  rmSync(png);
}

const PICTURES: Record<string, (file: string) => Promise<void>> = {
  '12mp.jpg': async (file) => writeFileSync(file, await (await photoLike(4032, 3024, 1)).jpeg({ quality: 92 }).toBuffer()),
  '54mp.jpg': async (file) => writeFileSync(file, await (await photoLike(9000, 6000, 2)).jpeg({ quality: 92 }).toBuffer()),
  '200mp.jpg': async (file) => writeFileSync(file, await (await photoLike(16320, 12240, 3)).jpeg({ quality: 90 }).toBuffer()),
  '54mp.tiff': async (file) => writeFileSync(file, await (await photoLike(9000, 6000, 4)).tiff({ compression: 'lzw' }).toBuffer()),
  '12mp.heic': (file) => heic(file, 4032, 3024, 5),
  '12mp-thumb.heic': (file) => heic(file, 4032, 3024, 5, 320),
  // The iPhone's 48-MP main camera (8064 × 6048); libheif cannot shrink while decoding.
  '48mp.heic': (file) => heic(file, 8064, 6048, 6),
  '48mp-thumb.heic': (file) => heic(file, 8064, 6048, 6, 320),
  'bomb-268mp.png': async (file) =>
    writeFileSync(
      file,
      await sharp({ create: { width: 16384, height: 16384, channels: 3, background: '#123456' }, limitInputPixels: false })
        .png({ compressionLevel: 9 })
        .toBuffer(),
    ),
};

async function makePictures(dir: string, only = ''): Promise<Array<{ name: string; file: string }>> {
  const made: Array<{ name: string; file: string }> = [];
  for (const [name, make] of Object.entries(PICTURES).filter(([name]) => name.includes(only))) {
    await make(path.join(dir, name));
    made.push({ name, file: path.join(dir, name) });
  }
  return made;
}

async function child(bound: PictureBound, file: string, runs: number): Promise<void> {
  const times: number[] = [];
  let outcome = '';
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    try {
      const decoded = await decodePicture({ path: file }, bound);
      outcome = `${decoded.originalWidth}x${decoded.originalHeight} -> ${decoded.width}x${decoded.height}`;
    } catch (error) {
      outcome = `refused: ${error instanceof Error ? error.message.split(':')[0] : String(error)}`;
    }
    times.push(performance.now() - started);
  }
  process.send?.({ times, maxRssMb: process.resourceUsage().maxRSS / 1024, outcome } satisfies Measured);
}

function measure(bound: string, file: string, runs: number): Promise<Measured> {
  const worker = fork(fileURLToPath(import.meta.url), ['--child', bound, '--file', file, '--runs', String(runs)], {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (message) => resolve(message as Measured));
    worker.once('exit', (code) => code !== 0 && reject(new Error(`child exited ${code}`)));
  });
}

async function main(): Promise<void> {
  const runs = Math.max(1, Number(values.runs));
  if (values.child && values.file) {
    const bound = BOUNDS[values.child];
    if (!bound) throw new Error(`unknown bound ${values.child}`);
    await child(bound, values.file, runs);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-camera-'));
  try {
    const pictures = await makePictures(dir, values.only);
    console.log(
      `node ${process.version}, ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
    );
    console.log('picture          file MB  bound      median     max  peak RSS  outcome');
    for (const { name, file } of pictures) {
      for (const bound of Object.keys(BOUNDS)) {
        const { times, maxRssMb, outcome } = await measure(bound, file, runs);
        console.log(
          `${name.padEnd(16)} ${(statSync(file).size / 1e6).toFixed(1).padStart(7)}  ${bound.padEnd(9)} ${ms(percentile(times, 50)).padStart(7)} ${ms(Math.max(...times)).padStart(7)}  ${maxRssMb.toFixed(0).padStart(5)} MB  ${outcome}`,
        );
      }
    }
    console.log(
      `load average after: ${os
        .loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
