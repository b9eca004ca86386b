/**
 * Which questions a run asks, and how they group into scored items. In circular mode an item is
 * every rotation of one question's options (MMBench's CircularEval): MMBench's files hold each
 * rotation as its own row, index + k·1,000,000, so rows are grouped by index mod 1,000,000; a
 * question that has no rotation rows in the file gets its rotations made here.
 */
import type { BenchmarkScan, ScannedRow } from './scan-benchmark';
import { rotateOptions } from './rotate-options';
import { seededShuffle } from './seeded-shuffle';

const ROTATION_STRIDE = 1_000_000;

export interface PlannedQuestion {
  /** The question's id in the answers: the row's index, or index + k·1,000,000 for a rotation made here. */
  id: number;
  /** The row it is read from. */
  row: number;
  /** How far the options are rotated from the row's order (0 = as in the file). */
  rotation: number;
  /** The item it counts toward. */
  item: number;
  /** The right letter once the options are rotated, from the benchmark file. */
  expected: string;
}

export interface PlannedItem {
  key: number;
  questions: PlannedQuestion[];
  category?: string;
  l2Category?: string;
}

export interface EvalPlan {
  items: PlannedItem[];
  /** Per row to read: the questions asked from it. */
  byRow: Map<number, PlannedQuestion[]>;
  questionCount: number;
}

export interface PlanOptions {
  circular: boolean;
  /** The first N items only. */
  limit?: number;
  /** N items drawn at random with `seed`. */
  sample?: number;
  seed?: number;
}

export function planRun(scan: BenchmarkScan, options: PlanOptions): EvalPlan {
  const grouped = groupRows(scan.rows, options.circular);
  const chosen = chooseItems(grouped, options);
  const items = chosen.map((rows) => planItem(rows, options.circular));
  const byRow = new Map<number, PlannedQuestion[]>();
  for (const item of items) for (const question of item.questions) byRow.set(question.row, [...(byRow.get(question.row) ?? []), question]);
  return { items, byRow, questionCount: items.reduce((sum, item) => sum + item.questions.length, 0) };
}

/** Rows by item, items in the order their first row appears. */
function groupRows(rows: readonly ScannedRow[], circular: boolean): ScannedRow[][] {
  const groups = new Map<number, ScannedRow[]>();
  for (const row of rows) {
    const key = circular ? row.index % ROTATION_STRIDE : row.index;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

function chooseItems(groups: ScannedRow[][], options: PlanOptions): ScannedRow[][] {
  if (options.sample !== undefined && options.sample < groups.length) {
    const picked = new Set(seededShuffle(groups.length, options.seed ?? 0).slice(0, options.sample));
    // Asked in file order, so a sample reads the file once, front to back.
    return groups.filter((_, position) => picked.has(position));
  }
  return options.limit === undefined ? groups : groups.slice(0, options.limit);
}

function planItem(rows: ScannedRow[], circular: boolean): PlannedItem {
  const first = rows[0] as ScannedRow;
  const key = circular ? first.index % ROTATION_STRIDE : first.index;
  // The category is the original question's, as MMBench scores it.
  const main = rows.find((row) => row.index === key) ?? first;
  const questions =
    circular && rows.length === 1
      ? Array.from({ length: first.optionCount }, (_, rotation) => ({
          id: first.index + rotation * ROTATION_STRIDE,
          row: first.index,
          rotation,
          item: key,
          expected: rightLetter(first, rotation),
        }))
      : rows.map((row) => ({ id: row.index, row: row.index, rotation: 0, item: key, expected: row.answer }));
  return {
    key,
    questions,
    ...(main.category ? { category: main.category } : {}),
    ...(main.l2Category ? { l2Category: main.l2Category } : {}),
  };
}

/** The right letter of a row whose options are rotated `rotation` places (the texts do not matter). */
function rightLetter(row: ScannedRow, rotation: number): string {
  return rotateOptions(
    row.optionLetters.map((letter) => ({ letter, text: '' })),
    row.answer,
    rotation,
  ).answer;
}
