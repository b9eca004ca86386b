/**
 * One row of a multiple-choice benchmark in VLMEvalKit's TSV layout: `index`, `question`,
 * optional `hint`, option columns `A`, `B`, ... (some empty), `answer`, optional `category`,
 * `l2-category`, `split`, and the picture as base64 in `image` (or, in MMBench's files, the
 * index of an earlier row whose picture it shares) or as a file in `image_path`.
 */
import { EvalError } from './eval-error';

export interface BenchmarkOption {
  letter: string;
  text: string;
}

export type RowPicture =
  { kind: 'base64'; data: string } | { kind: 'same-as'; index: number } | { kind: 'path'; path: string } | { kind: 'several' };

export interface BenchmarkRow {
  index: number;
  question: string;
  hint?: string;
  /** The non-empty options, in letter order. */
  options: BenchmarkOption[];
  answer: string;
  category?: string;
  l2Category?: string;
  split?: string;
  picture?: RowPicture;
}

export interface BenchmarkColumns {
  names: string[];
  at: Map<string, number>;
  optionLetters: string[];
}

const REQUIRED = ['index', 'question', 'answer'] as const;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
/** Questions, hints and options are sentences: MMBench's longest hint is under 4,000 characters. */
const MAX_TEXT_CHARS = 100_000;
const TEXT_COLUMNS = ['index', 'question', 'hint', 'answer', 'category', 'l2-category', 'split', 'image_path'];

/** MMBench stores a rotation's picture once: the rotation's cell holds the index of the row that has it. */
const SHORT_REFERENCE = /^\d{1,12}$/;

/** Checks the header row; a file without the required columns is refused before any question. */
export function readColumns(header: string[], file: string): BenchmarkColumns {
  const names = header.map((name, position) => (position === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
  const at = new Map(names.map((name, position) => [name, position] as const));
  const optionLetters = LETTERS.filter((letter) => at.has(letter));
  const missing: string[] = REQUIRED.filter((name) => !at.has(name));
  // Two options at least, or it is not a multiple-choice question.
  if (optionLetters.length < 2) missing.push(...['A', 'B'].filter((letter) => !at.has(letter)));
  if (missing.length > 0)
    throw new EvalError(
      'missing-columns',
      `The benchmark file lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ${file}`,
      `columns: ${names.join(', ')}`,
    );
  return { names, at, optionLetters };
}

/** One record as a row; `line` (1-based, counting the header) names it in errors. */
export function readRow(fields: string[], columns: BenchmarkColumns, line: number, file: string): BenchmarkRow {
  const cell = (name: string): string | undefined => {
    const position = columns.at.get(name);
    const value = position === undefined ? undefined : fields[position];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const where = `row ${line} of ${file}`;
  for (const name of [...TEXT_COLUMNS, ...columns.optionLetters]) {
    const length = fields[columns.at.get(name) ?? -1]?.length ?? 0;
    if (length > MAX_TEXT_CHARS)
      throw new EvalError(
        'field-too-long',
        `The ${name} of ${where} is ${length.toLocaleString('en')} characters long; the limit is ${MAX_TEXT_CHARS.toLocaleString('en')}`,
      );
  }
  const rawIndex = cell('index')?.trim() ?? '';
  // pandas writes whole numbers read as floats with ".0"; both mean the same row.
  const index = Number(rawIndex);
  if (!/^\d+(\.0+)?$/.test(rawIndex) || !Number.isSafeInteger(index))
    throw new EvalError('bad-row', `The index "${rawIndex.slice(0, 20)}" is not a whole number (${where})`);
  const options = columns.optionLetters.flatMap((letter) => {
    const text = cell(letter);
    return text === undefined ? [] : [{ letter, text: text.trim() }];
  });
  const answer = (cell('answer') ?? '').trim();
  if (!options.some((option) => option.letter === answer)) {
    throw new EvalError(
      'answer-names-empty-option',
      `The answer "${answer.slice(0, 20)}" names no option that has text (${where})`,
      `options with text: ${options.map((option) => option.letter).join(', ')}`,
    );
  }
  const question = cell('question');
  if (question === undefined) throw new EvalError('bad-row', `The question is empty (${where})`);
  return {
    index,
    question: question.trim(),
    ...optional('hint', cell('hint')?.trim()),
    options,
    answer,
    ...optional('category', cell('category')?.trim()),
    ...optional('l2Category', cell('l2-category')?.trim()),
    ...optional('split', cell('split')?.trim()),
    ...optional('picture', pictureOf(cell('image'), cell('image_path'))),
  };
}

function pictureOf(image: string | undefined, imagePath: string | undefined): RowPicture | undefined {
  if (image !== undefined) {
    const value = image.trim();
    if (SHORT_REFERENCE.test(value)) return { kind: 'same-as', index: Number(value) };
    // Multi-image benchmarks write a Python list of base64 strings.
    if (value.startsWith('[')) return { kind: 'several' };
    return { kind: 'base64', data: value };
  }
  if (imagePath !== undefined) return imagePath.trim().startsWith('[') ? { kind: 'several' } : { kind: 'path', path: imagePath.trim() };
  return undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
