/**
 * npm run bench:library [-- --entries 10000 --dimensions 2048 --queries 300 --photos 20]
 *
 * Search: a library of synthetic entries (generated captions, random unit vectors of the
 * model's embedding width), then figure-title-like queries: p50/p95 of the hybrid search
 * (full text + vectors, fused), of each half alone, and of the first search (which loads all
 * embeddings into memory). Indexing: the cost per picture apart from the model (scan, checks,
 * re-encode, hash, insert), for small pictures and for camera-sized photos.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ImageLibrary } from '../../electron/studio/library/image-library';
import { fullTextQuery } from '../../electron/studio/library/full-text-query';
import { searchLibrary } from '../../electron/studio/library/search-library';
import { measureIndexingOverhead } from './indexing-overhead';
import { ms, percentile } from './percentiles';
import { fillLibrary, randomUnitVector, seededRandom, syntheticTitle } from './synthetic-library';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '10000' },
    dimensions: { type: 'string', default: '2048' },
    queries: { type: 'string', default: '300' },
    pictures: { type: 'string', default: '300' },
    photos: { type: 'string', default: '20' },
  },
});
const entries = Number(values.entries);
const dimensions = Number(values.dimensions);
const queryCount = Number(values.queries);

const root = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-library-'));
const line = (text = ''): void => void process.stdout.write(`${text}\n`);

try {
  line(
    `bench:library on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(2)}`,
  );
  line();
  const library = ImageLibrary.open(path.join(root, 'library.sqlite'));
  let started = performance.now();
  const inserts = fillLibrary(library, path.join(root, 'files'), entries, dimensions, 1);
  line(`Library: ${entries} entries, ${dimensions}-wide embeddings, filled in ${(performance.now() - started) / 1000}s`);
  line(`  insert (one transaction each)   p50 ${ms(percentile(inserts, 50))}   p95 ${ms(percentile(inserts, 95))}`);

  const random = seededRandom(2);
  const queries = Array.from({ length: queryCount }, () => ({
    title: syntheticTitle(random),
    vector: Array.from(randomUnitVector(random, dimensions)),
  }));
  let next = 0;
  const describer = { model: 'bench', embed: async () => (queries[next % queries.length] as { vector: number[] }).vector };

  started = performance.now();
  await searchLibrary(library, 'first search', { describer });
  line(`  first search (loads the embeddings into memory): ${ms(performance.now() - started)}`);
  line();

  const timeEach = async (run: (query: { title: string; vector: number[] }) => unknown): Promise<number[]> => {
    const times: number[] = [];
    for (next = 0; next < queries.length; next++) {
      const query = queries[next] as { title: string; vector: number[] };
      const begin = performance.now();
      await run(query);
      times.push(performance.now() - begin);
    }
    return times;
  };
  const none = new Set<number>();
  const rows: Array<[string, number[]]> = [
    ['hybrid (words + meaning, fused)', await timeEach((query) => searchLibrary(library, query.title, { describer, exclude: [1, 2, 3] }))],
    ['words only (the search box)', await timeEach((query) => searchLibrary(library, query.title))],
    ['  full-text query alone', await timeEach((query) => library.textMatches(fullTextQuery(query.title) as string, 50, none))],
    ['  vector scan alone (top 50)', await timeEach((query) => library.similarImages(query.vector, 50, none))],
  ];
  line(`Search, ${queryCount} queries like "${queries[0]?.title}"`);
  for (const [label, times] of rows)
    line(
      `  ${label.padEnd(34)} p50 ${ms(percentile(times, 50)).padStart(9)}   p95 ${ms(percentile(times, 95)).padStart(9)}   max ${ms(Math.max(...times))}`,
    );
  const hybridP95 = percentile(rows[0]?.[1] ?? [], 95);
  line(`  target: hybrid p95 under 20 ms: ${hybridP95 < 20 ? 'met' : 'NOT met'}`);
  library.close();
  line();

  line('Indexing cost per picture without the model (instant describer)');
  for (const [kind, count] of [
    ['small', Number(values.pictures)],
    ['photo', Number(values.photos)],
  ] as const) {
    const result = await measureIndexingOverhead(root, kind, count, dimensions);
    line(
      `  ${result.label}, ${result.pictures} × ${(result.averageBytes / 1024).toFixed(0)} KB: ${ms(result.perPictureMs)} each (of which checks + re-encode + hash ${ms(result.preparePerPictureMs)})`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
