/**
 * Issue 24, cause 7: `folio eval`'s own files. Results go to plain files only (a link at --out or
 * beside it had its target overwritten; a dangling link as the answers log created its target),
 * through a temporary file renamed into place; a resumed run is scored from the benchmark file's
 * answers, never the log's; a field too long for a benchmark is refused at the scan, in one line.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../../../electron/studio/eval/answer-log';
import type { EvalResults } from '../../../electron/studio/eval/eval-results';
import { tsvText, writeTsv } from '../../fixtures/benchmark-tsv';
import { TINY_DECODER } from '../../helpers/fixture-paths';

const FOLIO = path.resolve('bin/folio.js');
const COLUMNS = ['index', 'question', 'A', 'B', 'C', 'answer', 'category'];
let dir = '';
let benchmark = '';

function folio(...args: string[]) {
  const run = spawnSync(process.execPath, [FOLIO, 'eval', ...args, '--model', TINY_DECODER], { encoding: 'utf8', timeout: 240_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const at = (name: string): string => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-eval-files-'));
  benchmark = writeTsv(
    at('quiz.tsv'),
    COLUMNS,
    [1, 2, 3].map((index) => ({ index, question: `Question ${index}?`, A: 'one', B: 'two', C: 'three', answer: 'B', category: 'c' })),
  );
});

describe('folio eval writes only plain files', () => {
  it('refuses --out that is a link and leaves its target as it was', () => {
    writeFileSync(at('precious.txt'), 'keep me');
    symlinkSync(at('precious.txt'), at('linked.json'));
    const run = folio(benchmark, '--no-circular', '--out', at('linked.json'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `folio: ${at('linked.json')} is a link; results are written only to plain files. Choose another --out.`,
    ]);
    expect(readFileSync(at('precious.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses a table beside --out that is a link', () => {
    writeFileSync(at('table-target.txt'), 'keep me too');
    symlinkSync(at('table-target.txt'), at('tabled.md'));
    const run = folio(benchmark, '--no-circular', '--out', at('tabled.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/tabled\.md is a link/);
    expect(readFileSync(at('table-target.txt'), 'utf8')).toBe('keep me too');
    expect(existsSync(at('tabled.json'))).toBe(false);
  });

  it('refuses a dangling link as the answers log without making its target', () => {
    symlinkSync(at('made-by-eval.jsonl'), at('dangling2.answers.jsonl'));
    const run = folio(benchmark, '--no-circular', '--out', at('dangling2.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/dangling2\.answers\.jsonl is a link/);
    expect(existsSync(at('made-by-eval.jsonl'))).toBe(false);
  });
});

describe('a resumed run', () => {
  it('is scored from the benchmark file, not from the answers log it continues', () => {
    const first = folio(benchmark, '--no-circular', '--out', at('honest.json'));
    expect(first.code).toBe(0);
    const log = at('honest.answers.jsonl');
    const [runLine, ...records] = readFileSync(log, 'utf8').trim().split('\n');
    // Every answer turned wrong (the file says B), with the log's `expected` edited to agree with it.
    const edited = records.map((line) => JSON.stringify({ ...(JSON.parse(line) as AnswerRecord), letter: 'C', expected: 'C' }));
    writeFileSync(log, [runLine, ...edited].join('\n') + '\n');
    const resumed = folio(benchmark, '--no-circular', '--out', at('honest.json'));
    expect(resumed.code).toBe(0);
    const results = JSON.parse(readFileSync(at('honest.json'), 'utf8')) as EvalResults;
    expect(results.score.overall).toMatchObject({ scored: 3, right: 0, accuracy: 0 });
  });
});

describe('fields a benchmark never has', () => {
  it('refuses a question of two million characters in one line, before the model is asked', () => {
    const file = writeTsv(at('long-question.tsv'), COLUMNS, [
      { index: 1, question: 'Why? '.repeat(400_000), A: 'one', B: 'two', answer: 'A', category: 'c' },
    ]);
    const run = folio(file, '--out', at('long-question.json'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `folio: the question of row 2 of long-question.tsv is 2,000,000 characters long; the limit is 100,000`,
    ]);
  });

  it('refuses a field longer than any picture as it reads it, in one line', () => {
    const file = at('huge-field.tsv');
    const fd = openSync(file, 'w');
    writeSync(fd, tsvText(COLUMNS, [{ index: 1, question: 'Q?', A: 'a', B: 'b', answer: 'A', category: 'c' }]));
    // 80 million characters in the question cell of the second row, streamed to disk.
    writeSync(fd, '2\t');
    const chunk = 'x'.repeat(1 << 20);
    for (let i = 0; i < 80; i++) writeSync(fd, chunk);
    writeSync(fd, '\ta\tb\t\tA\tc\n');
    closeSync(fd);
    const run = folio(file, '--out', at('huge-field.json'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `folio: row 3 of huge-field.tsv has a field longer than 67,108,864 characters (a picture's limit)`,
    ]);
  });
});
