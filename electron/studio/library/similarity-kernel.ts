/**
 * The inner loop of vector search, as a small WebAssembly SIMD function: the dot product of one
 * query with every row of the embedding matrix. Plain JavaScript needs about 30 ms for
 * 10,000 × 2048 floats on a busy 2-core machine (the engine cannot vectorise it); four-wide
 * SIMD with four accumulators brings that well under the 20 ms a search may take in total.
 * The module is assembled here from its opcodes (about 200 bytes) rather than shipped as a
 * binary, so what it does stays readable and reviewable.
 */

import { webAssembly, type WasmMemory, type WasmModule } from './webassembly-api';

/** Scores rows 0..rows-1: out[r] = Σ matrix[r·stride + j] · query[j]. Byte offsets; stride in floats, a multiple of 16. */
export type ScoreRows = (matrixOffset: number, queryOffset: number, rows: number, stride: number, outOffset: number) => void;

/** Floats processed per inner-loop pass (4 accumulators × 4 lanes); row strides are padded to it. */
export const KERNEL_STRIDE_MULTIPLE = 16;

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  tee: (local: number) => [0x22, local],
  i32: (value: number) => [0x41, ...signedLeb(value)],
  i32Add: [0x6a],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  i32LtU: [0x49],
  f32Add: [0x92],
  f32Store: [0x38, 2, 0],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  v128Load: (offset: number) => [0xfd, 0x00, 4, ...unsignedLeb(offset)],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
  lane: (index: number) => [0xfd, 0x1f, index],
};

// Locals: parameters 0-4 (matrix, query, rows, stride, out), then r, p, rowEnd, q, and four accumulators.
const [MATRIX, QUERY, ROWS, STRIDE, OUT, R, P, ROW_END, Q, A0, A1, A2, A3] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
const ACCUMULATORS = [A0, A1, A2, A3];

function scoreRowsBody(): number[] {
  const multiplyAdd = ACCUMULATORS.flatMap((acc, k) => [...op.get(acc), ...op.get(P), ...op.v128Load(16 * k), ...op.get(Q), ...op.v128Load(16 * k), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(acc)]);
  const sumLanes = [...op.lane(0), ...[1, 2, 3].flatMap((lane) => [...op.get(A0), ...op.lane(lane), ...op.f32Add])];
  return [
    ...[2, 4, I32, 4, V128], // local declarations
    ...op.i32(0), ...op.set(R),
    ...op.get(MATRIX), ...op.set(P),
    ...op.block, ...op.loop,
    ...op.get(R), ...op.get(ROWS), ...op.i32GeU, ...op.brIf(1),
    ...op.v128Zero, ...op.tee(A0), ...op.tee(A1), ...op.tee(A2), ...op.set(A3),
    ...op.get(QUERY), ...op.set(Q),
    ...op.get(P), ...op.get(STRIDE), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(ROW_END),
    ...op.loop,
    ...multiplyAdd,
    ...op.get(P), ...op.i32(64), ...op.i32Add, ...op.tee(P),
    ...op.get(Q), ...op.i32(64), ...op.i32Add, ...op.set(Q),
    ...op.get(ROW_END), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.get(OUT), ...op.get(R), ...op.i32(2), ...op.i32Shl, ...op.i32Add,
    ...op.get(A0), ...op.get(A1), ...op.f32x4Add, ...op.get(A2), ...op.get(A3), ...op.f32x4Add, ...op.f32x4Add, ...op.tee(A0),
    ...sumLanes,
    ...op.f32Store,
    ...op.get(R), ...op.i32(1), ...op.i32Add, ...op.set(R),
    ...op.br(0),
    ...op.end, ...op.end,
    ...op.end,
  ];
}

function moduleBytes(): Uint8Array {
  const name = (text: string) => [text.length, ...Buffer.from(text, 'ascii')];
  const body = scoreRowsBody();
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]), // type: (i32 × 5) → ()
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 1]), // import env.memory, at least 1 page
    ...section(3, [1, 0]), // one function of type 0
    ...section(7, [1, ...name('scoreRows'), 0x00, 0]), // export it
    ...section(10, [1, ...unsignedLeb(body.length), ...body]),
  ]);
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

let compiled: WasmModule | null | undefined;

/** The SIMD kernel bound to `memory`, or null where WebAssembly SIMD is unavailable. */
export function simdScoreRows(memory: WasmMemory): ScoreRows | null {
  if (compiled === undefined) {
    const bytes = moduleBytes();
    compiled = webAssembly.validate(bytes) ? new webAssembly.Module(bytes) : null;
  }
  if (!compiled) return null;
  const instance = new webAssembly.Instance(compiled, { env: { memory } });
  return instance.exports.scoreRows as ScoreRows;
}

/** The same computation in JavaScript: the fallback, and the reference the kernel is tested against. */
export function javascriptScoreRows(memory: WasmMemory): ScoreRows {
  return (matrixOffset, queryOffset, rows, stride, outOffset) => {
    const floats = new Float32Array(memory.buffer);
    const query = queryOffset / 4;
    for (let r = 0; r < rows; r++) {
      let row = matrixOffset / 4 + r * stride;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = query; j < query + stride; j += 4, row += 4) {
        s0 += (floats[row] as number) * (floats[j] as number);
        s1 += (floats[row + 1] as number) * (floats[j + 1] as number);
        s2 += (floats[row + 2] as number) * (floats[j + 2] as number);
        s3 += (floats[row + 3] as number) * (floats[j + 3] as number);
      }
      floats[outOffset / 4 + r] = s0 + s1 + s2 + s3;
    }
  };
}
