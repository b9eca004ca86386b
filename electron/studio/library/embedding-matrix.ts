/**
 * All caption embeddings of a library in one block of memory, one row per image, so a search
 * scores every image in a single pass (see similarity-kernel.ts). Rows are unit length, so the
 * dot product is the cosine similarity. Deleting moves the last row into the hole: order is
 * not kept, ids are.
 */
import { webAssembly } from './webassembly-api';
import { KERNEL_STRIDE_MULTIPLE, javascriptScoreRows, simdScoreRows, type ScoreRows } from './similarity-kernel';

export interface SimilarImage {
  id: number;
  /** Cosine similarity, -1 to 1. */
  similarity: number;
}

const PAGE_BYTES = 65536;

export class EmbeddingMatrix {
  /** Floats per row: the dimensions, padded with zeros to what the kernel steps by. */
  readonly stride: number;
  private readonly memory = new webAssembly.Memory({ initial: 1 });
  private readonly scoreRows: ScoreRows;
  private floats = new Float32Array(this.memory.buffer);
  private capacity = 0;
  private readonly idOfRow: number[] = [];
  private readonly rowOfId = new Map<number, number>();

  constructor(
    readonly dimensions: number,
    options: { simd?: boolean } = {},
  ) {
    if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`Embedding dimensions must be a positive integer, not ${dimensions}.`);
    this.stride = Math.ceil(dimensions / KERNEL_STRIDE_MULTIPLE) * KERNEL_STRIDE_MULTIPLE;
    this.scoreRows = (options.simd === false ? null : simdScoreRows(this.memory)) ?? javascriptScoreRows(this.memory);
    this.reserve(64);
  }

  get size(): number {
    return this.idOfRow.length;
  }

  ids(): number[] {
    return [...this.idOfRow];
  }

  has(id: number): boolean {
    return this.rowOfId.has(id);
  }

  /** Adds or replaces the embedding of image `id` (normalised here, in case it is not). */
  set(id: number, vector: ArrayLike<number>): void {
    if (vector.length !== this.dimensions) throw new RangeError(`Embedding has ${vector.length} dimensions; this library's have ${this.dimensions}.`);
    let row = this.rowOfId.get(id);
    if (row === undefined) {
      row = this.idOfRow.length;
      this.reserve(row + 1);
      this.idOfRow.push(id);
      this.rowOfId.set(id, row);
    }
    this.writeNormalised(row * this.stride, vector);
  }

  delete(id: number): boolean {
    const row = this.rowOfId.get(id);
    if (row === undefined) return false;
    const last = this.idOfRow.length - 1;
    const lastId = this.idOfRow[last] as number;
    if (row !== last) {
      this.floats.copyWithin(row * this.stride, last * this.stride, (last + 1) * this.stride);
      this.idOfRow[row] = lastId;
      this.rowOfId.set(lastId, row);
    }
    this.idOfRow.pop();
    this.rowOfId.delete(id);
    return true;
  }

  /** The `limit` most similar images to `query`, most similar first, never one in `exclude`. */
  nearest(query: ArrayLike<number>, limit: number, exclude: ReadonlySet<number> = new Set()): SimilarImage[] {
    const rows = this.idOfRow.length;
    if (rows === 0 || limit <= 0) return [];
    if (query.length !== this.dimensions) throw new RangeError(`Query has ${query.length} dimensions; this library's have ${this.dimensions}.`);
    const queryAt = this.capacity * this.stride;
    const scoresAt = queryAt + this.stride;
    this.writeNormalised(queryAt, query);
    this.scoreRows(0, queryAt * 4, rows, this.stride, scoresAt * 4);
    return this.topRows(scoresAt, rows, limit, exclude);
  }

  /** Keeps the best `limit` rows in a small sorted list; one pass, no sort of all scores. */
  private topRows(scoresAt: number, rows: number, limit: number, exclude: ReadonlySet<number>): SimilarImage[] {
    const best: SimilarImage[] = [];
    for (let row = 0; row < rows; row++) {
      const similarity = this.floats[scoresAt + row] as number;
      if (best.length === limit && similarity <= (best[limit - 1] as SimilarImage).similarity) continue;
      const id = this.idOfRow[row] as number;
      if (exclude.has(id)) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1] as SimilarImage).similarity < similarity) at--;
      best.splice(at, 0, { id, similarity });
      if (best.length > limit) best.pop();
    }
    return best;
  }

  private writeNormalised(at: number, vector: ArrayLike<number>): void {
    let sumOfSquares = 0;
    for (let i = 0; i < vector.length; i++) sumOfSquares += (vector[i] as number) ** 2;
    const scale = sumOfSquares > 0 ? 1 / Math.sqrt(sumOfSquares) : 0;
    for (let i = 0; i < vector.length; i++) this.floats[at + i] = (vector[i] as number) * scale;
    this.floats.fill(0, at + vector.length, at + this.stride);
  }

  /** Room for `rows` rows plus the query and score scratch space behind them; grows by doubling. */
  private reserve(rows: number): void {
    if (rows <= this.capacity) return;
    const oldCapacity = this.capacity;
    const capacity = Math.max(rows, oldCapacity * 2);
    const bytes = (capacity * this.stride + this.stride + capacity) * 4;
    const pages = Math.ceil(bytes / PAGE_BYTES) - this.memory.buffer.byteLength / PAGE_BYTES;
    if (pages > 0) this.memory.grow(pages);
    // Growing detaches the old view.
    this.floats = new Float32Array(this.memory.buffer);
    this.capacity = capacity;
  }
}
