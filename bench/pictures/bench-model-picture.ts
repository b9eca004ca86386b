/**
 * npm run bench:pictures [-- --runs 5]
 *
 * What handing the model lossless pictures costs against the JPEG it was handed before (issue 21,
 * item 3): per picture, the time to prepare it, the bytes sent to the model host (and the base64
 * text llama-server's JSON carries), and the peak memory of a process that prepares only that
 * kind of picture. Each way runs in its own child process, so one's memory does not hide in
 * another's. Pictures: photo-like (smoothed noise, the worst case for PNG) at 12 MP and 2 MP.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { decodeOrExplain, openPicture } from '../../electron/studio/library/decode-picture';
import { DEFAULT_IMAGE_LIMITS } from '../../electron/studio/library/image-limits';
import { ms, percentile } from '../library/percentiles';

type Way = 'jpeg-q88-1024' | 'png1-2048' | 'png6-2048' | 'png1-1024';
/** Before (JPEG q88 at 1024 px), now (prepareImage: PNG, zlib level 1, at 2048 px), and two neighbours. */
const WAYS: Way[] = ['jpeg-q88-1024', 'png1-2048', 'png6-2048', 'png1-1024'];

interface Measured {
  way: Way;
  picture: string;
  times: number[];
  bytes: number;
  maxRssMb: number;
}

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, child: { type: 'string' }, file: { type: 'string' } },
});

/** The old path (JPEG quality 88 at 1024 px) and the new (PNG at the working size), same decode. */
async function prepareAs(way: Way, file: string): Promise<number> {
  const longestSide = way.endsWith('2048') ? 2048 : 1024;
  const limits = { ...DEFAULT_IMAGE_LIMITS, longestSide };
  const { pipeline, where } = await openPicture({ path: file }, { longestSide }, limits);
  const encoded =
    way === 'jpeg-q88-1024' ? pipeline.jpeg({ quality: 88 }) : pipeline.png({ compressionLevel: way.startsWith('png1') ? 1 : 6 });
  return (await decodeOrExplain(encoded, limits, where)).data.length;
}

async function child(way: Way, file: string, runs: number): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    bytes = await prepareAs(way, file);
    if (i > 0) times.push(performance.now() - started);
  }
  process.send?.({ times, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 });
}

async function measure(way: Way, file: string, runs: number): Promise<Omit<Measured, 'picture'>> {
  const worker = fork(fileURLToPath(import.meta.url), ['--child', way, '--file', file, '--runs', String(runs)], {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (message) => resolve({ way, ...(message as Omit<Measured, 'picture' | 'way'>) }));
    worker.once('exit', (code) => code !== 0 && reject(new Error(`${way} exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const runs = Number(values.runs);
  const root = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-pictures-'));
  const line = (text = ''): void => void process.stdout.write(`${text}\n`);
  try {
    line(`bench:pictures on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os.loadavg()[0]?.toFixed(2)}`);
    line(`${runs} runs per way and picture (after one warm-up); time p50 / p95; bytes to the host; base64 in llama-server's JSON`);
    for (const [name, width, height] of [
      ['12 MP photo', 4032, 3024],
      ['2 MP photo', 1600, 1200],
    ] as const) {
      const file = path.join(root, `${width}x${height}.jpg`);
      const noise = { type: 'gaussian', mean: 120, sigma: 50 } as const;
      writeFileSync(
        file,
        await sharp({ create: { width, height, channels: 3, background: '#000', noise } })
          .blur(1.5)
          .jpeg({ quality: 90 })
          .toBuffer(),
      );
      line();
      line(`${name} (${width} × ${height})`);
      for (const way of WAYS) {
        const result = await measure(way, file, runs);
        const base64 = Math.ceil(result.bytes / 3) * 4;
        line(
          `  ${way.padEnd(14)} ${ms(percentile(result.times, 50))} / ${ms(percentile(result.times, 95))}   ` +
            `${(result.bytes / 1e6).toFixed(2)} MB (base64 ${(base64 / 1e6).toFixed(2)} MB)   peak RSS ${result.maxRssMb.toFixed(0)} MB`,
        );
      }
    }
    line();
    line(`load average after: ${os.loadavg()[0]?.toFixed(2)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (values.child) await child(values.child as Way, values.file as string, Number(values.runs));
else await main();
