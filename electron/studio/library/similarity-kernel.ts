/**
 * The inner loop of vector search: the dot product of one int8 query with every int8 row of
 * the embedding matrix, as a small WebAssembly SIMD function. Scanning 10,000 × 2048 floats is
 * bound by memory bandwidth (~7 ms here with float32 SIMD, ~30 ms in plain JavaScript, double
 * for 4096-wide models); int8 rows are a quarter of the bytes. EmbeddingMatrix re-ranks the best
 * of these approximate scores exactly, in float32.
 * The module is assembled here from its opcodes (about 250 bytes) rather than shipped as a
 * binary, so what it does stays readable and reviewable.
 */
import { webAssembly, type WasmMemory, type WasmModule } from './webassembly-api';

/** Scores rows 0..rows-1: out[r] (int32) = Σ matrix[r·stride + j] · query[j] (int8). Byte offsets; stride in bytes, a multiple of 32. */
export type ScoreRows = (matrixOffset: number, queryOffset: number, rows: number, stride: number, outOffset: number) => void;

/** Bytes processed per inner-loop pass (two accumulators × 16 lanes); row strides are padded to it. */
export const KERNEL_STRIDE_MULTIPLE = 32;

const I32 = 0x7f;
const V128 = 0x7b;
const simd = (opcode: number): number[] => [0xfd, ...unsignedLeb(opcode)];
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
  i32Store: [0x36, 2, 0],
  v128Zero: [...simd(12), ...new Array<number>(16).fill(0)],
  v128Load: (offset: number) => [...simd(0), 4, ...unsignedLeb(offset)],
  i32x4Lane: (index: number) => [...simd(27), index],
  i16x8FromLowI8: simd(135),
  i16x8FromHighI8: simd(136),
  i32x4Add: simd(174),
  i32x4DotI16: simd(186),
};

// Locals: parameters 0-4 (matrix, query, rows, stride, out), then r, p, rowEnd, q, two accumulators, two loaded vectors.
const [MATRIX, QUERY, ROWS, STRIDE, OUT, R, P, ROW_END, Q, ACC0, ACC1, A, B] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** acc += dot(a, b) over 16 int8 lanes, widened to int16 in two halves. */
function multiplyAdd(acc: number, offset: number): number[] {
  const half = (widen: number[]) => [...op.get(A), ...widen, ...op.get(B), ...widen, ...op.i32x4DotI16];
  return [
    ...op.get(P),
    ...op.v128Load(offset),
    ...op.set(A),
    ...op.get(Q),
    ...op.v128Load(offset),
    ...op.set(B),
    ...op.get(acc),
    ...half(op.i16x8FromLowI8),
    ...op.i32x4Add,
    ...half(op.i16x8FromHighI8),
    ...op.i32x4Add,
    ...op.set(acc),
  ];
}

function scoreRowsBody(): number[] {
  const sumLanes = [...op.i32x4Lane(0), ...[1, 2, 3].flatMap((lane) => [...op.get(ACC0), ...op.i32x4Lane(lane), ...op.i32Add])];
  return [
    ...[2, 4, I32, 4, V128], // local declarations
    ...op.i32(0),
    ...op.set(R),
    ...op.get(MATRIX),
    ...op.set(P),
    ...op.block,
    ...op.loop,
    ...op.get(R),
    ...op.get(ROWS),
    ...op.i32GeU,
    ...op.brIf(1),
    ...op.v128Zero,
    ...op.tee(ACC0),
    ...op.set(ACC1),
    ...op.get(QUERY),
    ...op.set(Q),
    ...op.get(P),
    ...op.get(STRIDE),
    ...op.i32Add,
    ...op.set(ROW_END),
    ...op.loop,
    ...multiplyAdd(ACC0, 0),
    ...multiplyAdd(ACC1, 16),
    ...op.get(P),
    ...op.i32(32),
    ...op.i32Add,
    ...op.tee(P),
    ...op.get(Q),
    ...op.i32(32),
    ...op.i32Add,
    ...op.set(Q),
    ...op.get(ROW_END),
    ...op.i32LtU,
    ...op.brIf(0),
    ...op.end,
    ...op.get(OUT),
    ...op.get(R),
    ...op.i32(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...op.get(ACC0),
    ...op.get(ACC1),
    ...op.i32x4Add,
    ...op.tee(ACC0),
    ...sumLanes,
    ...op.i32Store,
    ...op.get(R),
    ...op.i32(1),
    ...op.i32Add,
    ...op.set(R),
    ...op.br(0),
    ...op.end,
    ...op.end,
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
    const bytes = new Int8Array(memory.buffer);
    const out = new Int32Array(memory.buffer, outOffset, rows);
    for (let r = 0; r < rows; r++) {
      const row = matrixOffset + r * stride;
      let sum = 0;
      for (let j = 0; j < stride; j++) sum += (bytes[row + j] as number) * (bytes[queryOffset + j] as number);
      out[r] = sum;
    }
  };
}
