/**
 * node bin/run-ts.js bench/library/bench-vector-store.ts -- --sqlite-vec DIR [--size 100000 --queries 200]
 *
 * The library's vector search (int8 SIMD matrix in memory over Float32 blobs in SQLite) against
 * the sqlite-vec extension (vec0 tables, exact KNN, float32 and int8), on the same random unit
 * vectors of 512 dimensions: insert time, top-50 query p50/p95, memory (resident growth while
 * loading and querying) and file size. sqlite-vec is not a dependency of Folio: install it in a
 * scratch folder (`npm i sqlite-vec@0.1.9` there; its Linux binary comes from the npm registry as
 * the sqlite-vec-linux-x64 package) and pass that folder's node_modules/sqlite-vec.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { EmbeddingMatrix } from '../../electron/studio/library/embedding-matrix';
import { ms, percentile } from './percentiles';
import { randomUnitVector, seededRandom } from './synthetic-library';

const { values } = parseArgs({
  options: {
    'sqlite-vec': { type: 'string' },
    size: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
  },
});
if (!values['sqlite-vec']) throw new Error('Pass --sqlite-vec DIR (a folder with sqlite-vec installed from npm).');
const sqliteVec = createRequire(path.join(path.resolve(values['sqlite-vec']), 'package.json'))(path.resolve(values['sqlite-vec'])) as {
  getLoadablePath(): string;
};
const line = (text = ''): void => void process.stdout.write(`${text}\n`);
const load = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const DIMENSIONS = 512;
const size = Number(values.size);
const root = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-vectors-'));
const random = seededRandom(5);
const vectors = Array.from({ length: size }, () => randomUnitVector(random, DIMENSIONS));
const queries = Array.from({ length: Number(values.queries) }, () => randomUnitVector(random, DIMENSIONS));

function timings(label: string, query: (vector: Float32Array) => unknown): void {
  const times: number[] = [];
  for (const vector of queries) {
    const started = performance.now();
    query(vector);
    times.push(performance.now() - started);
  }
  line(
    `  ${label.padEnd(36)} p50 ${ms(percentile(times, 50)).padStart(9)}   p95 ${ms(percentile(times, 95)).padStart(9)}   (load ${load()})`,
  );
}

try {
  line(
    `bench vector store: ${size} vectors of ${DIMENSIONS}, top 50 of ${queries.length} queries; ${os.cpus().length} × ${os.cpus()[0]?.model}; load ${load()}`,
  );

  // Folio's way: Float32 blobs in a plain table, an int8 matrix in memory, exact rescoring of the best.
  {
    const file = path.join(root, 'int8.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE images (id INTEGER PRIMARY KEY, embedding BLOB)');
    const insert = db.prepare('INSERT INTO images (id, embedding) VALUES (?, ?)');
    let started = performance.now();
    db.transaction(() => vectors.forEach((vector, i) => insert.run(i + 1, Buffer.from(vector.buffer))))();
    const inserted = performance.now() - started;
    const before = process.memoryUsage.rss();
    started = performance.now();
    const matrix = new EmbeddingMatrix(DIMENSIONS, { capacity: size });
    for (const row of db.prepare('SELECT id, embedding FROM images').iterate() as IterableIterator<{ id: number; embedding: Buffer }>)
      matrix.set(row.id, new Float32Array(row.embedding.buffer, row.embedding.byteOffset, DIMENSIONS));
    const loaded = performance.now() - started;
    line(
      `int8 SIMD matrix (Folio): insert ${ms(inserted)}, load into memory ${ms(loaded)}, resident +${mb(process.memoryUsage.rss() - before)}, file ${mb(statSync(file).size)}`,
    );
    timings('query', (vector) => matrix.nearest(vector, 50));
    db.close();
  }

  for (const kind of ['float', 'int8'] as const) {
    const file = path.join(root, `vec-${kind}.sqlite`);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.loadExtension(sqliteVec.getLoadablePath());
    db.exec(`CREATE VIRTUAL TABLE images USING vec0(embedding ${kind}[${DIMENSIONS}] distance_metric=cosine)`);
    const value = kind === 'float' ? '?' : "vec_quantize_int8(?, 'unit')";
    const insert = db.prepare(`INSERT INTO images (rowid, embedding) VALUES (?, ${value})`);
    const before = process.memoryUsage.rss();
    let started = performance.now();
    db.transaction(() => vectors.forEach((vector, i) => insert.run(BigInt(i + 1), Buffer.from(vector.buffer))))();
    const inserted = performance.now() - started;
    const search = db.prepare(`SELECT rowid, distance FROM images WHERE embedding MATCH ${value} AND k = 50 ORDER BY distance`);
    started = performance.now();
    search.all(Buffer.from((queries[0] as Float32Array).buffer));
    line(
      `sqlite-vec ${kind}[${DIMENSIONS}]: insert ${ms(inserted)}, first query ${ms(performance.now() - started)}, file ${mb(statSync(file).size)}`,
    );
    timings('query', (vector) => search.all(Buffer.from(vector.buffer)));
    line(`  resident +${mb(process.memoryUsage.rss() - before)} after inserting and querying`);
    db.close();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
