/**
 * npm run bench:library [-- --photos 1000 --search 10000,100000 --queries 200 --skip-editor]
 *
 * Indexing: phone-sized JPEGs (4032 × 3024, varied content; made once into the cache) indexed
 * with CLIP ViT-B/32 at its real architecture and size (random weights: timing only): pictures
 * per second, peak memory of the process (the embedding worker included), the worker's time
 * decoding against embedding; then the unchanged folder again. Search: synthetic libraries of
 * 10,000 and 100,000 pictures (512-wide vectors, captions), queried through the real text
 * tower: p50/p95 of a whole search and of the vector scan alone. Editor: frame times in
 * Chromium while the studio indexes. Targets: 1,000 photos under 10 minutes, under 1 GB, the
 * unchanged 1,000 under 10 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLIP_VIT_B_32 } from '../../native-models/clip/clip-architecture';
import { ImageLibrary } from '../../electron/studio/library/image-library';
import { indexFolder } from '../../electron/studio/library/index-folder';
import { PictureEmbedder } from '../../electron/studio/library/picture-embedder';
import { searchLibrary } from '../../electron/studio/library/search-library';
import { BENCH_CLIP_ID, ensureBenchClip } from './bench-cache';
import { editorFramesWhileIndexing } from './editor-while-indexing';
import { ms, percentile } from './percentiles';
import { ensurePhonePhotos, PHONE } from './phone-photos';
import { fillLibrary, randomUnitVector, seededRandom, syntheticTitle } from './synthetic-library';

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: '1000' },
    search: { type: 'string', default: '10000,100000' },
    queries: { type: 'string', default: '200' },
    'skip-editor': { type: 'boolean', default: false },
  },
});
const line = (text = ''): void => void process.stdout.write(`${text}\n`);
const load = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const root = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-library-'));

/** The process's resident memory, sampled while `work` runs; the largest seen. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

try {
  line(`bench:library on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${load()}`);
  const clipDir = await ensureBenchClip(line);
  const photoCount = Number(values.photos);
  const photos = await ensurePhonePhotos(photoCount, line);
  line();

  const embedder = await PictureEmbedder.start(clipDir);
  line(
    `Model: ${CLIP_VIT_B_32.name} (vision ${CLIP_VIT_B_32.vision.layers} × ${CLIP_VIT_B_32.vision.width}, text ${CLIP_VIT_B_32.text.layers} × ${CLIP_VIT_B_32.text.width}, random weights), onnxruntime-node; ${embedder.threadsNote}`,
  );
  const library = ImageLibrary.open(path.join(root, 'library.sqlite'));
  let started = performance.now();
  const first = await peakRss(() => indexFolder(library, photos, { embedder }));
  const seconds = (performance.now() - started) / 1000;
  const summary = first.result;
  const handled = summary.added + summary.duplicates.length;
  line(`Index ${photoCount} photos of ${PHONE.width} × ${PHONE.height} (load average after: ${load()})`);
  line(
    `  ${handled} added in ${seconds.toFixed(1)} s: ${(handled / seconds).toFixed(2)} pictures/s; target under 600 s: ${seconds < 600 ? 'met' : 'NOT met'}`,
  );
  line(`  peak RSS ${mb(first.peak)} (process and embedding worker); target under 1 GB: ${first.peak < 1024 ** 3 ? 'met' : 'NOT met'}`);
  const busy = summary.decodeMs + summary.embedMs;
  line(
    `  worker time: decoding ${(summary.decodeMs / 1000).toFixed(1)} s (${((100 * summary.decodeMs) / busy).toFixed(0)} %), embedding ${(summary.embedMs / 1000).toFixed(1)} s (${((100 * summary.embedMs) / busy).toFixed(0)} %), summed over batches (two overlap)`,
  );
  started = performance.now();
  const again = await indexFolder(library, photos, { embedder });
  const againSeconds = (performance.now() - started) / 1000;
  line(
    `  again, unchanged: ${again.unchanged} unchanged in ${againSeconds.toFixed(2)} s; target under 10 s: ${againSeconds < 10 ? 'met' : 'NOT met'}`,
  );
  library.close();
  line();

  const random = seededRandom(2);
  const queries = Array.from({ length: Number(values.queries) }, () => syntheticTitle(random));
  for (const size of values.search.split(',').map(Number)) {
    const big = ImageLibrary.open(path.join(root, `search-${size}.sqlite`));
    started = performance.now();
    fillLibrary(big, path.join(root, `files-${size}`), size, CLIP_VIT_B_32.projection, 1, BENCH_CLIP_ID);
    line(
      `Search a library of ${size} pictures (filled in ${((performance.now() - started) / 1000).toFixed(0)} s), ${queries.length} titles like "${queries[0]}"`,
    );
    started = performance.now();
    await searchLibrary(big, 'first search', { embedder });
    line(`  first search (loads the vectors into memory): ${ms(performance.now() - started)}`);
    const whole: number[] = [];
    const scan: number[] = [];
    const textTower: number[] = [];
    for (const query of queries) {
      let begin = performance.now();
      await searchLibrary(big, query, { embedder, exclude: [1, 2, 3] });
      whole.push(performance.now() - begin);
      begin = performance.now();
      await embedder.embedTexts([query]);
      textTower.push(performance.now() - begin);
      const vector = randomUnitVector(random, CLIP_VIT_B_32.projection);
      begin = performance.now();
      big.similarImages(vector, 50, new Set());
      scan.push(performance.now() - begin);
    }
    for (const [label, times] of [
      ['whole search (text tower + vectors + words)', whole],
      ['  text tower alone', textTower],
      ['  vector scan alone (int8 SIMD, top 50)', scan],
    ] as const)
      line(`  ${label.padEnd(44)} p50 ${ms(percentile(times, 50)).padStart(9)}   p95 ${ms(percentile(times, 95)).padStart(9)}`);
    big.close();
  }
  await embedder.close();
  line();

  if (!values['skip-editor']) {
    const frames = await editorFramesWhileIndexing(photos, clipDir);
    line(
      `Editor while indexing (Chromium, tokens streamed into the editor every 4 ms): frame p95 ${ms(frames.frameP95)}, worst ${ms(frames.frameMax)} over ${frames.frames} frames; ${frames.indexedMeanwhile} pictures indexed meanwhile`,
    );
  }
  line(`load average at the end: ${load()}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
