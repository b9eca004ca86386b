/**
 * The first pass over a benchmark file: every row is checked (so bad input is refused before the
 * model is asked anything, not hours into a run) and remembered by its index, answer and byte
 * offset, which is all later passes need. Pictures are not kept.
 */
import path from 'node:path';
import { OutsideFileError } from '../../../native-models/files/outside-file-error';
import { OUTSIDE_FILE_PROBLEM_TEXT } from '../../../native-models/files/outside-file-problem-text';
import { openOutsideFile } from '../../../native-models/files/read-outside-file';
import { EvalError } from './eval-error';
import { readColumns, readRow, type BenchmarkColumns } from './benchmark-row';
import { readTsvRecords, TsvFieldTooLong, TsvSyntaxError } from './tsv-records';

export interface ScannedRow {
  index: number;
  offset: number;
  /** 1-based line of the row, counting the header, for messages. */
  line: number;
  optionCount: number;
  /** The letters of the options that have text, in order, and the right one: scores come from these, never from an answers log. */
  optionLetters: string[];
  answer: string;
  category?: string;
  l2Category?: string;
}

export interface BenchmarkScan {
  file: string;
  byteSize: number;
  columns: BenchmarkColumns;
  rows: ScannedRow[];
  offsetOf: Map<number, number>;
}

export async function scanBenchmark(file: string, signal?: AbortSignal): Promise<BenchmarkScan> {
  const name = path.basename(file);
  const byteSize = await refuseBinary(file, name);
  let columns: BenchmarkColumns | undefined;
  const rows: ScannedRow[] = [];
  const offsetOf = new Map<number, number>();
  let line = 0;
  try {
    for await (const record of readTsvRecords(file, { signal })) {
      line += 1;
      if (!columns) {
        if (record.fields.length < 3) throw notATsv(name, 'the first line has fewer than three tab-separated columns');
        columns = readColumns(record.fields, name);
        continue;
      }
      const row = readRow(record.fields, columns, line, name);
      if (offsetOf.has(row.index)) throw new EvalError('bad-row', `The index ${row.index} appears twice (row ${line} of ${name})`);
      offsetOf.set(row.index, record.offset);
      rows.push({
        index: row.index,
        offset: record.offset,
        line,
        optionCount: row.options.length,
        optionLetters: row.options.map((option) => option.letter),
        answer: row.answer,
        ...(row.category ? { category: row.category } : {}),
        ...(row.l2Category ? { l2Category: row.l2Category } : {}),
      });
    }
  } catch (error) {
    if (error instanceof TsvSyntaxError) throw notATsv(name, error.message);
    if (error instanceof TsvFieldTooLong)
      throw new EvalError(
        'field-too-long',
        `Row ${line + 1} of ${name} has a field longer than ${error.limit.toLocaleString('en')} characters (a picture's limit)`,
      );
    if (error instanceof OutsideFileError)
      throw new EvalError('file-missing', `The benchmark file ${OUTSIDE_FILE_PROBLEM_TEXT[error.problem]}: ${file}`, error.detail);
    throw error;
  }
  if (!columns) throw notATsv(name, 'the file is empty');
  if (rows.length === 0) throw new EvalError('bad-row', `The benchmark file has no questions: ${name}`);
  return { file, byteSize, columns, rows, offsetOf };
}

/** The file's size, after a look at its first bytes; a file that is none, or a FIFO or /proc file, is refused. */
async function refuseBinary(file: string, name: string): Promise<number> {
  const opened = await openOutsideFile(file);
  if (!('file' in opened))
    throw new EvalError('file-missing', `The benchmark file ${OUTSIDE_FILE_PROBLEM_TEXT[opened.problem]}: ${file}`, opened.detail);
  const head = await opened.file.readAt(0, 4096).finally(() => opened.file.close());
  if (head.includes(0)) throw notATsv(name, 'it holds binary data');
  if (!head.toString('utf8').split('\n', 1)[0]?.includes('\t')) throw notATsv(name, 'its first line has no tabs');
  return opened.file.size;
}

function notATsv(name: string, why: string): EvalError {
  return new EvalError('not-a-tsv', `This is not a benchmark TSV file (${why}): ${name}`);
}
