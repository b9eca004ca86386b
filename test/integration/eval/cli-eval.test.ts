/**
 * `folio eval` as a user runs it: a real process, the real engine, the tiny models. Their
 * answers are noise, but always one of the option letters; what is checked is the run: every
 * kind of row asked, counts and skips, resume after a kill, and bad input refused.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvalResults } from '../../../electron/studio/eval/eval-results';
import { MMBENCH_COLUMNS, mmbenchRows, pictureBase64, tsvText, writeTsv } from '../../fixtures/benchmark-tsv';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { testPicture } from '../../fixtures/png';
import { seededRandom } from '../../helpers/seeded-random';

const FOLIO = path.resolve('bin/folio.js');
const MODEL = ['--model', TINY_DECODER, '--mmproj', TINY_PROJECTOR];
let dir = '';
let benchmark = '';

function folio(...args: string[]) {
  const run = spawnSync(process.execPath, [FOLIO, 'eval', ...args], { encoding: 'utf8', timeout: 240_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const at = (name: string): string => path.join(dir, name);
const readResults = (file: string): EvalResults => JSON.parse(readFileSync(file, 'utf8')) as EvalResults;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-cli-eval-'));
  writeFileSync(path.join(dir, 'harbour.png'), testPicture(7, 40));
  writeFileSync(path.join(dir, 'notes.png'), 'not a picture');
  // MMBench's shape: circular groups whose rotations share the first row's picture, a text-only
  // group with three options (D empty), then rows of other kinds: a picture by path, a broken one.
  const rows = [
    ...mmbenchRows([
      { index: 1, options: ['a boat', 'a car', 'a tree', 'a house'], answer: 0, category: 'objects', picture: 1 },
      { index: 2, options: ['red', 'blue', 'green'], answer: 1, category: 'colours', hint: 'Look at the sky.' },
      { index: 3, options: ['yes', 'no'], answer: 1, category: 'colours', picture: 3 },
    ]),
    {
      index: 4,
      question: 'Where is it?',
      A: 'a harbour',
      B: 'a field',
      answer: 'A',
      category: 'places',
      'l2-category': 'perception',
      split: 'dev',
      image: undefined,
    },
    {
      index: 5,
      question: 'Is this readable?',
      A: 'yes',
      B: 'no',
      answer: 'B',
      category: 'places',
      image: Buffer.from('text').toString('base64'),
    },
  ];
  benchmark = writeTsv(
    path.join(dir, 'MMBench_DEV_tiny.tsv'),
    [...MMBENCH_COLUMNS, 'image_path'],
    rows.map((row, position) => (position === rows.length - 2 ? { ...row, image_path: 'harbour.png' } : row)),
  );
}, 60_000);

describe('folio eval', () => {
  it('asks every question through the real engine and writes results, table and answers', () => {
    const run = folio(benchmark, ...MODEL, '--out', at('full.json'));
    expect(run.stderr).not.toMatch(/folio: /);
    expect(run.code).toBe(0);
    const results = readResults(path.join(dir, 'full.json'));
    expect(results.benchmark).toMatchObject({ circular: true, rows: 4 + 3 + 2 + 2, items: 5 });
    // 1: 4 rotations, 2: 3 rotations (D empty), 3: 2, 4: made into 2 rotations here, 5: 2, skipped.
    expect(results.score.questions).toMatchObject({ planned: 13, asked: 11, answered: 11, skipped: { 'not-a-picture': 2 } });
    expect(results.score.skippedItems).toEqual({ 'not-a-picture': 1 });
    expect(results.score.overall.scored).toBe(4);
    for (const answer of results.answers) if (!answer.skipped) expect(['A', 'B', 'C', 'D']).toContain(answer.letter);
    expect(results.answers.find((answer) => answer.id === 2)?.letter).toMatch(/^[ABC]$/);
    expect(results.paper?.percent).toBe(79.6);
    expect(run.stdout).toMatch(/^## MMBench_DEV_tiny\.tsv \(circular\)/);
    expect(run.stdout).toMatch(/\| Overall \| 4 \|/);
    expect(existsSync(path.join(dir, 'full.md'))).toBe(true);
    expect(readFileSync(path.join(dir, 'full.answers.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1 + 13);
  }, 240_000);

  it('continues after a kill at a random question and ends with the same totals', async () => {
    const random = seededRandom(Date.now() % 100_000);
    const killAfter = 1 + random.int(11);
    const log = path.join(dir, 'resumed.answers.jsonl');
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, [FOLIO, 'eval', benchmark, ...MODEL, '--out', at('resumed.json')], { stdio: 'ignore' });
      const timer = setInterval(() => {
        const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').length - 2 : 0;
        if (lines >= killAfter) child.kill('SIGKILL');
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        resolve();
      });
    });
    expect(existsSync(path.join(dir, 'resumed.json'))).toBe(false);
    const resumed = folio(benchmark, ...MODEL, '--out', at('resumed.json'));
    expect(resumed.code, `killed after ${killAfter}: ${resumed.stderr}`).toBe(0);
    expect(resumed.stderr).toMatch(/continuing after \d+ answered/);
    const full = readResults(path.join(dir, 'full.json'));
    const again = readResults(path.join(dir, 'resumed.json'));
    expect(again.score.overall, `killed after ${killAfter}`).toEqual(full.score.overall);
    expect(again.score.questions).toEqual(full.score.questions);
    const letters = (results: EvalResults) =>
      Object.fromEntries(results.answers.map((answer) => [answer.id, answer.letter ?? answer.skipped]));
    expect(letters(again)).toEqual(letters(full));
  }, 300_000);

  it('samples items with a seed and reports the interval', () => {
    const run = folio(benchmark, ...MODEL, '--sample', '2', '--seed', '3', '--out', at('sample.json'));
    expect(run.code).toBe(0);
    const results = readResults(path.join(dir, 'sample.json'));
    expect(results.benchmark).toMatchObject({ items: 2, sample: 2, seed: 3 });
    expect(run.stdout).toMatch(/random sample \(seed 3\)/);
  }, 240_000);

  it('compares two runs with eval report', () => {
    const run = folio('report', path.join(dir, 'full.json'), path.join(dir, 'resumed.json'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\| Overall \| 4 \| .* \| \+0\.0 \| 0 \/ 0 \| 1\.000 \| no \|/);
  }, 60_000);

  const badInputs: Array<{ name: string; file?: string; contents?: string | Buffer; args?: string[]; line: RegExp }> = [
    { name: 'a file that is not a TSV', file: 'picture.tsv', contents: testPicture(1), line: /not a benchmark TSV file/ },
    {
      name: 'missing required columns',
      file: 'cols.tsv',
      contents: 'index\tquestion\tA\tB\n1\tq\ta\tb\n',
      line: /lacks the column answer/,
    },
    {
      name: 'an answer naming an empty option',
      file: 'empty-option.tsv',
      contents: tsvText(['index', 'question', 'A', 'B', 'C', 'answer'], [{ index: 1, question: 'q', A: 'a', B: 'b', answer: 'C' }]),
      line: /answer "C" names no option that has text/,
    },
    { name: 'a missing file', args: ['@DIR/nope.tsv', ...MODEL], line: /could not be found: .*nope\.tsv/ },
    { name: 'no model', args: ['x.tsv'], line: /needs --model/ },
    { name: '--limit with --sample', args: ['x.tsv', ...MODEL, '--limit', '2', '--sample', '3'], line: /--limit or --sample/ },
    {
      name: 'a results file of another run',
      args: ['@BENCHMARK', '--model', TINY_DECODER, '--out', '@DIR/full.json'],
      line: /holds answers of another run/,
    },
  ];
  for (const { name, file, contents, args, line } of badInputs) {
    it(`refuses ${name} with one line and exit code 2`, () => {
      if (file && contents !== undefined) writeFileSync(path.join(dir, file), contents);
      const run = folio(
        ...(args ?? [at(file as string), ...MODEL]).map((arg) => (arg === '@BENCHMARK' ? benchmark : arg.replace('@DIR/', `${dir}/`))),
      );
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(line);
    }, 120_000);
  }

  it('asks the pictures of a base64 row and a path row (the projector sees them)', () => {
    const rows = [
      { index: 1, question: 'What is this?', A: 'a harbour', B: 'a field', answer: 'A', image: pictureBase64(2) },
      { index: 2, question: 'And this?', A: 'a harbour', B: 'a field', answer: 'B', image_path: 'harbour.png' },
      { index: 3, question: 'Plain text?', A: 'yes', B: 'no', C: undefined, answer: 'A' },
    ];
    writeTsv(path.join(dir, 'ScienceQA_TEST.tsv'), ['index', 'question', 'A', 'B', 'C', 'answer', 'image', 'image_path'], rows);
    const run = folio(at('ScienceQA_TEST.tsv'), ...MODEL, '--out', at('sqa.json'));
    expect(run.code).toBe(0);
    const results = readResults(path.join(dir, 'sqa.json'));
    expect(results.benchmark.circular).toBe(false);
    expect(results.score.questions).toMatchObject({ planned: 3, asked: 3, answered: 3, skipped: {} });
    expect(run.stdout).toMatch(/\| Overall \| 3 \| \d \| [\d.]+ \| [\d.]+–[\d.]+ \| 78\.3 \|/);
  }, 240_000);
});
