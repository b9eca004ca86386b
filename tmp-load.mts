import { EmbeddingMatrix } from './electron/studio/library/embedding-matrix.ts';
const D = 2048, N = 10000;
const blobs = Array.from({ length: N }, () => { const v = new Float32Array(D); for (let i = 0; i < D; i++) v[i] = Math.random() - 0.5; return v; });
for (let round = 0; round < 2; round++) {
const m = new EmbeddingMatrix(D);
let t = performance.now();
for (let id = 0; id < N; id++) m.set(id, blobs[id]!);
console.log('load', (performance.now() - t).toFixed(0), 'ms');
}
