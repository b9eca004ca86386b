/**
 * Turns checkpoint tensors into GGUF writer fill callbacks: output rows are read from the
 * source on demand (a row map splits and permutes wqkv), so a tensor is never held whole.
 * Every fill reports its values to `progress`, which also stops the conversion when cancelled.
 */
import type { TensorFromValues, GgufTensorType } from '../gguf/gguf-layout';
import { rowLength, type TensorRecord } from './tensor-record';
import type { TensorRows } from './tensor-rows';
import type { RowMap } from './wqkv-split';

export interface FillContext {
  rows: TensorRows;
  /** Called with the number of values produced; throws to cancel. */
  progress: (values: number) => void;
}

/** A GGUF tensor whose rows are rows of `record` (through `rowMap`), `rowCount` of them. */
export function tensorFromRows(
  context: FillContext,
  name: string,
  type: GgufTensorType,
  record: TensorRecord,
  options: { rowMap?: RowMap; rowCount?: number } = {},
): TensorFromValues {
  const width = rowLength(record.shape);
  const rowCount = options.rowCount ?? (record.shape.length <= 1 ? 1 : record.shape[0]!);
  const rowMap = options.rowMap ?? ((row: number) => row);
  // ggml order: the row length first. A 1-D tensor stays 1-D; conv kernels keep all their dims.
  const dims = record.shape.length <= 1 ? [width] : record.shape.length === 2 ? [width, rowCount] : [...record.shape].reverse();
  return {
    name,
    type,
    dims,
    fill: (values, start) => {
      const end = start + values.length;
      let row = Math.floor(start / width);
      while (row * width < end) {
        // A run of output rows that are consecutive in the source is read in one go.
        let run = 1;
        const maxRun = Math.ceil((end - row * width) / width);
        while (run < maxRun && row + run < rowCount && rowMap(row + run) === rowMap(row) + run) run++;
        const buffer = new Float32Array(run * width);
        context.rows.read(record, rowMap(row), run, buffer);
        const from = Math.max(start, row * width);
        const to = Math.min(end, (row + run) * width);
        values.set(buffer.subarray(from - row * width, to - row * width), from - start);
        row += run;
      }
      context.progress(values.length);
    },
  };
}

/** A GGUF tensor from values already computed (small ones: the resized position table). */
export function tensorFromValues(
  context: FillContext,
  name: string,
  type: GgufTensorType,
  dims: number[],
  data: Float32Array,
): TensorFromValues {
  return {
    name,
    type,
    dims,
    fill: (values, start) => {
      values.set(data.subarray(start, start + values.length));
      context.progress(values.length);
    },
  };
}
