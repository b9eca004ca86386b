/**
 * Scoring checked against hand-computed cases, with an answerer scripted per question instead
 * of a model: the whole run (file, plan, answers log, score, table) is the real code.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  prepareEvaluation,
  type EvaluationOutcome,
  type EvaluationSetup,
  type RunOptions,
} from '../../../electron/studio/eval/evaluate-benchmark';
import type { Answerer } from '../../../electron/studio/eval/model-answerer';
import type { EvalQuestion as AskedQuestion } from '../../../electron/studio/compose/prompt-families/prompt-family';
import { MMBENCH_COLUMNS, mmbenchRows, pictureBase64, writeTsv } from '../../fixtures/benchmark-tsv';

const MODEL = { name: 'scripted', decoder: 'scripted.gguf', projector: null, engine: 'llama-server' };
const newDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'folio-eval-'));

/** Both steps at once, as the CLI and the studio take them (they show the plan in between). */
async function evaluateBenchmark(options: Omit<EvaluationSetup, 'modelName' | 'projectorName'> & RunOptions): Promise<EvaluationOutcome> {
  const prepared = await prepareEvaluation({
    ...options,
    modelName: options.model.name,
    projectorName: options.model.projector ? path.basename(options.model.projector) : null,
  });
  return prepared.run(options);
}

/** Answers with the option whose text the script names for that question, and records what it was asked. */
function scripted(choose: (asked: AskedQuestion) => string): Answerer & { asked: AskedQuestion[] } {
  const asked: AskedQuestion[] = [];
  return {
    asked,
    seesPictures: true,
    answer: async (question) => {
      asked.push(question);
      const text = choose(question);
      return { letter: question.options.find((option) => option.text === text)?.letter ?? 'A' };
    },
  };
}

describe('circular scoring (MMBench files)', () => {
  // Question 1: always the right text (right in 4 of 4). Question 2: wrong only when the right
  // option is shown under D (right in 3 of 4: wrong). Question 3: always right, 3 options.
  const questions = [
    { index: 1, options: ['cat', 'dog', 'owl', 'fox'], answer: 0, category: 'animals', picture: 1 },
    { index: 2, options: ['red', 'blue', 'green', 'grey'], answer: 2, category: 'colours', picture: 2 },
    { index: 3, options: ['one', 'two', 'three'], answer: 1, category: 'colours', hint: 'Count them.' },
  ];
  const truth: Record<string, string> = { 'Question 1?': 'cat', 'Question 2?': 'green', 'Question 3?': 'two' };

  it('counts an item right only when every rotation is, and scores per category', async () => {
    const dir = newDir();
    const file = writeTsv(path.join(dir, 'MMBench_DEV_EN.tsv'), [...MMBENCH_COLUMNS], mmbenchRows(questions));
    const answerer = scripted((asked) => {
      const right = truth[asked.question] as string;
      const shownAt = asked.options.find((option) => option.text === right)?.letter;
      return asked.question === 'Question 2?' && shownAt === 'D' ? 'red' : right;
    });
    const { results, table } = await evaluateBenchmark({
      file,
      outPath: path.join(dir, 'run.json'),
      circular: true,
      answerer,
      model: MODEL,
    });
    expect(answerer.asked).toHaveLength(4 + 4 + 3);
    // Rotations reuse the original row's picture (their image cell names row 1 or 2).
    expect(answerer.asked.filter((asked) => asked.picture)).toHaveLength(8);
    expect(answerer.asked.find((asked) => asked.question === 'Question 3?')?.hint).toBe('Count them.');
    expect(results.score.overall).toMatchObject({ items: 3, scored: 3, right: 2 });
    expect(results.score.categories.map(({ name, scored, right }) => ({ name, scored, right }))).toEqual([
      { name: 'animals', scored: 1, right: 1 },
      { name: 'colours', scored: 2, right: 1 },
    ]);
    expect(results.score.questions).toMatchObject({ planned: 11, asked: 11, answered: 11 });
    expect(results.paper).toEqual({ benchmark: 'MMBench', percent: 79.6 });
    expect(table).toMatch(/\| Overall \| 3 \| 2 \| 66\.7 \| .* \| 79\.6 \|/);
    expect(readFileSync(path.join(dir, 'run.md'), 'utf8')).toBe(table);
  });

  it("asks an item's rotations one after another when the file keeps them in blocks, as MMBench does", async () => {
    const dir = newDir();
    // MMBench's own order: every original, then every first rotation, and so on.
    const blocks = mmbenchRows(questions).sort(
      (a, b) => Math.floor(Number(a.index) / 1e6) - Math.floor(Number(b.index) / 1e6) || Number(a.index) - Number(b.index),
    );
    const file = writeTsv(path.join(dir, 'MMBench_DEV_EN.tsv'), [...MMBENCH_COLUMNS], blocks);
    const answerer = scripted((asked) => truth[asked.question] as string);
    const { results } = await evaluateBenchmark({ file, outPath: path.join(dir, 'run.json'), circular: true, answerer, model: MODEL });
    expect(answerer.asked.map((asked) => asked.question)).toEqual([
      ...Array(4).fill('Question 1?'),
      ...Array(4).fill('Question 2?'),
      ...Array(3).fill('Question 3?'),
    ]);
    // Every rotation still has its own picture (read from the row it names).
    expect(answerer.asked.filter((asked) => asked.picture)).toHaveLength(8);
    expect(results.score.overall).toMatchObject({ items: 3, scored: 3, right: 3 });
  });

  it('scores the same file question by question when circular is off', async () => {
    const dir = newDir();
    const file = writeTsv(path.join(dir, 'MMBench_DEV_EN.tsv'), [...MMBENCH_COLUMNS], mmbenchRows(questions));
    const answerer = scripted((asked) => {
      const right = truth[asked.question] as string;
      return asked.question === 'Question 2?' && asked.options.find((option) => option.text === right)?.letter === 'D' ? 'red' : right;
    });
    const { results } = await evaluateBenchmark({ file, outPath: path.join(dir, 'run.json'), circular: false, answerer, model: MODEL });
    expect(results.score.overall).toMatchObject({ items: 11, scored: 11, right: 10 });
  });

  it('makes the rotations itself when the file has none', async () => {
    const dir = newDir();
    const file = writeTsv(
      path.join(dir, 'quiz.tsv'),
      ['index', 'question', 'A', 'B', 'C', 'D', 'answer'],
      [{ index: 0, question: 'Which is a bird?', A: 'cat', B: 'owl', C: 'dog', D: undefined, answer: 'B' }],
    );
    // A model that always says A: right in exactly one rotation of three, so the item is wrong.
    const answerer: Answerer & { shown: string[][] } = {
      shown: [],
      seesPictures: false,
      answer: async (asked) => (answerer.shown.push(asked.options.map((option) => `${option.letter}.${option.text}`)), { letter: 'A' }),
    };
    const { results } = await evaluateBenchmark({ file, outPath: path.join(dir, 'run.json'), circular: true, answerer, model: MODEL });
    expect(answerer.shown).toEqual([
      ['A.cat', 'B.owl', 'C.dog'],
      ['A.owl', 'B.dog', 'C.cat'],
      ['A.dog', 'B.cat', 'C.owl'],
    ]);
    expect(results.score.overall).toMatchObject({ items: 1, scored: 1, right: 0 });
    expect(results.answers.map((answer) => answer.expected)).toEqual(['B', 'A', 'C']);
  });
});

describe('skipped questions', () => {
  it('skips an item whose picture is not a picture, with the reason, and goes on', async () => {
    const dir = newDir();
    writeFileSync(path.join(dir, 'notes.png'), 'not a picture');
    writeFileSync(path.join(dir, 'real.png'), Buffer.from(pictureBase64(5), 'base64'));
    const file = writeTsv(
      path.join(dir, 'AI2D_TEST.tsv'),
      ['index', 'question', 'A', 'B', 'answer', 'image', 'image_path', 'category'],
      [
        { index: 1, question: 'q1', A: 'yes', B: 'no', answer: 'A', image: Buffer.from('garbage').toString('base64'), category: 'x' },
        { index: 2, question: 'q2', A: 'yes', B: 'no', answer: 'B', image_path: 'notes.png', category: 'x' },
        { index: 3, question: 'q3', A: 'yes', B: 'no', answer: 'A', image_path: 'real.png', category: 'x' },
        { index: 4, question: 'q4', A: 'yes', B: 'no', answer: 'A', category: 'y' },
      ],
    );
    const answerer = scripted(() => 'yes');
    const { results } = await evaluateBenchmark({ file, outPath: path.join(dir, 'run.json'), circular: false, answerer, model: MODEL });
    expect(answerer.asked.map((asked) => asked.question)).toEqual(['q3', 'q4']);
    expect(answerer.asked[0]?.picture?.bytes.length).toBeGreaterThan(0);
    expect(answerer.asked[1]?.picture).toBeUndefined();
    expect(results.score.overall).toMatchObject({ items: 4, scored: 2, right: 2 });
    expect(results.score.skippedItems).toEqual({ 'not-a-picture': 2 });
    expect(results.score.questions).toMatchObject({ asked: 2, skipped: { 'not-a-picture': 2 } });
    expect(results.paper?.benchmark).toBe('AI2D');
  });

  it('skips picture questions for a model without an image reader', async () => {
    const dir = newDir();
    const file = writeTsv(
      path.join(dir, 'b.tsv'),
      ['index', 'question', 'A', 'B', 'answer', 'image'],
      [
        { index: 1, question: 'q1', A: 'yes', B: 'no', answer: 'A', image: pictureBase64(1) },
        { index: 2, question: 'q2', A: 'yes', B: 'no', answer: 'A' },
      ],
    );
    const answerer = { ...scripted(() => 'yes'), seesPictures: false };
    const { results } = await evaluateBenchmark({ file, outPath: path.join(dir, 'run.json'), circular: false, answerer, model: MODEL });
    expect(results.score.skippedItems).toEqual({ 'no-image-reader': 1 });
    expect(results.score.overall).toMatchObject({ scored: 1, right: 1 });
  });
});

describe('--limit and --sample', () => {
  const rows = Array.from({ length: 40 }, (_, index) => ({
    index,
    question: `q${index}`,
    A: 'yes',
    B: 'no',
    answer: index % 2 === 0 ? 'A' : 'B',
  }));

  it('asks the first N items, or N drawn by the seed (the same N for the same seed)', async () => {
    const dir = newDir();
    const file = writeTsv(path.join(dir, 'b.tsv'), ['index', 'question', 'A', 'B', 'answer'], rows);
    const run = async (options: { limit?: number; sample?: number; seed?: number }, out: string) => {
      const answerer = scripted(() => 'yes');
      const { results } = await evaluateBenchmark({
        file,
        outPath: path.join(dir, out),
        circular: false,
        answerer,
        model: MODEL,
        ...options,
      });
      return { asked: answerer.asked.map((asked) => asked.question), results };
    };
    expect((await run({ limit: 3 }, 'limit.json')).asked).toEqual(['q0', 'q1', 'q2']);
    const first = await run({ sample: 10, seed: 7 }, 's1.json');
    const again = await run({ sample: 10, seed: 7 }, 's2.json');
    const other = await run({ sample: 10, seed: 8 }, 's3.json');
    expect(first.asked).toHaveLength(10);
    expect(again.asked).toEqual(first.asked);
    expect(other.asked).not.toEqual(first.asked);
    const { interval95, accuracy } = first.results.score.overall;
    // Answers do not depend on the settings: the full run asks only what the shorter runs did not.
    const full = await run({}, 'limit.json');
    expect(full.asked).toHaveLength(40 - 3);
    expect(full.results.score.overall).toMatchObject({ items: 40, scored: 40, right: 20 });
    expect(interval95[0]).toBeLessThan(accuracy as number);
    expect(interval95[1]).toBeGreaterThan(accuracy as number);
  });
});
