import { describe, expect, it } from 'vitest';
import { EmbeddingMatrix } from '../../../electron/studio/library/embedding-matrix';
import { javascriptScoreRows, simdScoreRows } from '../../../electron/studio/library/similarity-kernel';
import { webAssembly } from '../../../electron/studio/library/webassembly-api';
import { hash32 } from '../../../native-models/demo/prng';

/** Uniform in [0, 1), reproducible from the seed. */
function seededRandom(seed: number): () => number {
  let index = 0;
  return () => hash32(seed, index++) / 0x100000000;
}

function randomVector(random: () => number, dimensions: number): number[] {
  const vector = Array.from({ length: dimensions }, () => random() - 0.5);
  const length = Math.hypot(...vector);
  return vector.map((value) => value / length);
}

const dot = (a: number[], b: number[]): number => a.reduce((sum, value, i) => sum + value * (b[i] as number), 0);

describe('similarity kernel', () => {
  it('scores every int8 row exactly like the JavaScript reference', () => {
    const random = seededRandom(5);
    const [rows, stride] = [37, 64];
    const memory = new webAssembly.Memory({ initial: 1 });
    const bytes = new Int8Array(memory.buffer);
    // The extremes included: -128 × -128 must not overflow the 16-bit products.
    for (let i = 0; i < rows * stride + stride; i++) bytes[i] = i % 97 === 0 ? -128 : Math.floor(random() * 256) - 128;
    const simd = simdScoreRows(memory);
    expect(simd).not.toBeNull();
    const queryAt = rows * stride;
    const outAt = queryAt + stride;
    simd?.(0, queryAt, rows, stride, outAt);
    const fromSimd = [...new Int32Array(memory.buffer, outAt, rows)];
    javascriptScoreRows(memory)(0, queryAt, rows, stride, outAt);
    const fromJs = [...new Int32Array(memory.buffer, outAt, rows)];
    expect(fromSimd).toEqual(fromJs);
    expect(new Set(fromJs).size).toBeGreaterThan(rows - 3);
  });
});

describe('EmbeddingMatrix', () => {
  for (const simd of [true, false]) {
    it(`finds the nearest rows exactly, most similar first (${simd ? 'SIMD' : 'JavaScript'})`, () => {
      const random = seededRandom(11);
      const dimensions = 37; // not a multiple of the kernel's step: padding must not change scores
      const matrix = new EmbeddingMatrix(dimensions, { simd });
      const vectors = new Map<number, number[]>();
      for (let id = 1; id <= 300; id++) {
        const vector = randomVector(random, dimensions);
        vectors.set(id, vector);
        matrix.set(id, vector);
      }
      const query = randomVector(random, dimensions);
      const expected = [...vectors].map(([id, v]) => ({ id, similarity: dot(v, query) })).sort((a, b) => b.similarity - a.similarity);
      const found = matrix.nearest(query, 5);
      expect(found.map((hit) => hit.id)).toEqual(expected.slice(0, 5).map((hit) => hit.id));
      found.forEach((hit, i) => expect(hit.similarity).toBeCloseTo((expected[i] as { similarity: number }).similarity, 5));
    });
  }

  it('never returns an excluded image and returns fewer when there are fewer', () => {
    const matrix = new EmbeddingMatrix(3);
    matrix.set(1, [1, 0, 0]);
    matrix.set(2, [0.9, 0.1, 0]);
    matrix.set(3, [0, 1, 0]);
    expect(matrix.nearest([1, 0, 0], 10, new Set([1])).map((hit) => hit.id)).toEqual([2, 3]);
    expect(matrix.nearest([1, 0, 0], 10)).toHaveLength(3);
  });

  it('normalises what it is given, so similarity is the cosine', () => {
    const matrix = new EmbeddingMatrix(2);
    matrix.set(7, [3, 4]);
    const [hit] = matrix.nearest([6, 8], 1);
    expect(hit?.similarity).toBeCloseTo(1, 6);
  });

  it('keeps ids right after deletes move rows, and after replacing a row', () => {
    const matrix = new EmbeddingMatrix(4);
    const axis = (i: number): number[] => [0, 1, 2, 3].map((j) => (j === i ? 1 : 0));
    for (let id = 0; id < 4; id++) matrix.set(100 + id, axis(id));
    expect(matrix.delete(100)).toBe(true);
    expect(matrix.delete(100)).toBe(false);
    expect(matrix.size).toBe(3);
    for (let id = 1; id < 4; id++) expect(matrix.nearest(axis(id), 1)[0]?.id).toBe(100 + id);
    matrix.set(101, axis(0));
    expect(matrix.nearest(axis(0), 1)[0]).toEqual({ id: 101, similarity: 1 });
    expect(matrix.nearest(axis(1), 3).map((hit) => hit.similarity)).not.toContain(1);
  });

  it('grows past its first memory block without losing rows', () => {
    const random = seededRandom(3);
    const matrix = new EmbeddingMatrix(512);
    const vectors: number[][] = [];
    for (let id = 0; id < 600; id++) {
      vectors.push(randomVector(random, 512));
      matrix.set(id, vectors[id] as number[]);
    }
    for (const id of [0, 63, 64, 599]) expect(matrix.nearest(vectors[id] as number[], 1)[0]?.id).toBe(id);
  });

  it('gives the exact top 50 of a large library despite the int8 first pass', () => {
    const random = seededRandom(21);
    const dimensions = 256;
    const matrix = new EmbeddingMatrix(dimensions);
    const vectors: number[][] = [];
    for (let id = 0; id < 5000; id++) {
      vectors.push(randomVector(random, dimensions));
      matrix.set(id, vectors[id] as number[]);
    }
    for (let trial = 0; trial < 5; trial++) {
      const query = randomVector(random, dimensions);
      const exact = vectors.map((vector, id) => ({ id, similarity: dot(vector, query) })).sort((a, b) => b.similarity - a.similarity);
      expect(matrix.nearest(query, 50).map((hit) => hit.id)).toEqual(exact.slice(0, 50).map((hit) => hit.id));
    }
  });

  it('stays exact when rows are added after searches, across growth', () => {
    const random = seededRandom(8);
    const dimensions = 40;
    const matrix = new EmbeddingMatrix(dimensions);
    const vectors = new Map<number, number[]>();
    for (let id = 0; id < 400; id++) {
      const vector = randomVector(random, dimensions);
      vectors.set(id, vector);
      matrix.set(id, vector);
      if (id % 37 === 0) {
        const query = randomVector(random, dimensions);
        const best = [...vectors]
          .map(([key, v]) => ({ id: key, similarity: dot(v, query) }))
          .sort((a, b) => b.similarity - a.similarity)[0];
        expect(matrix.nearest(query, 1)[0]?.id).toBe(best?.id);
      }
    }
    for (const id of [0, 63, 64, 399]) expect(matrix.nearest(vectors.get(id) as number[], 1)[0]?.id).toBe(id);
  });

  it('refuses a vector of the wrong width', () => {
    const matrix = new EmbeddingMatrix(3);
    expect(() => matrix.set(1, [1, 2])).toThrow(/2 dimensions; this library's have 3/);
  });
});
