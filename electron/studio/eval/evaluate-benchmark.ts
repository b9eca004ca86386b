/**
 * A whole benchmark run, the same for `folio eval` and the studio's Evaluate panel. In two
 * steps, so bad input is refused before a model is loaded: `prepareEvaluation` checks the file,
 * plans the items and opens the answers so far; `run` asks the rest, scores, and writes the
 * results (JSON with every answer) and the Markdown table beside them.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../documents/write-file-atomic';
import { openAnswerLog, type AnswerLog } from './answer-log';
import { EvalError } from './eval-error';
import { askQuestions, type EvalProgress } from './ask-questions';
import { planRun, type EvalPlan, type PlanOptions } from './eval-plan';
import type { EvalResults, EvalRunSettings } from './eval-results';
import type { Answerer } from './model-answerer';
import { paperScoreFor } from './paper-scores';
import { resultsTable } from './results-table';
import { scanBenchmark, type BenchmarkScan } from './scan-benchmark';
import { scoreRun } from './score-run';

export interface EvaluationSetup extends PlanOptions {
  file: string;
  /** The results file (.json); the answers log and the table go beside it. */
  outPath: string;
  /** Names the model in the answers log: answers are only continued by the same model. */
  modelName: string;
  projectorName: string | null;
  signal?: AbortSignal;
}

export interface RunOptions {
  answerer: Answerer;
  model: EvalResults['model'];
  signal?: AbortSignal;
  onProgress?: (progress: EvalProgress) => void;
}

export interface PreparedEvaluation {
  counts: { rows: number; items: number; questions: number; alreadyAnswered: number };
  files: EvaluationOutcome['files'];
  run(options: RunOptions): Promise<EvaluationOutcome>;
  /** Closes the answers log without running (e.g. when the model fails to load). */
  close(): Promise<void>;
}

export interface EvaluationOutcome {
  results: EvalResults;
  table: string;
  files: { results: string; answers: string; table: string };
}

function evalFilesFor(outPath: string): EvaluationOutcome['files'] {
  const stem = outPath.replace(/\.json$/i, '');
  return { results: outPath, answers: `${stem}.answers.jsonl`, table: `${stem}.md` };
}

export async function prepareEvaluation(setup: EvaluationSetup): Promise<PreparedEvaluation> {
  const scan = await scanBenchmark(setup.file, setup.signal);
  const settings = {
    circular: setup.circular,
    ...defined({ limit: setup.limit, sample: setup.sample, seed: setup.sample === undefined ? undefined : (setup.seed ?? 0) }),
  };
  const plan = planRun(scan, settings);
  const files = evalFilesFor(setup.outPath);
  for (const file of Object.values(files)) await refuseLink(file);
  const name = path.basename(setup.file);
  // Settings are not part of the run's name: a question's answer does not depend on them (greedy),
  // so a --limit or --sample run's answers count toward the full run that follows.
  const log = await openAnswerLog(files.answers, {
    benchmark: name,
    bytes: scan.byteSize,
    model: setup.modelName,
    projector: setup.projectorName,
  });
  return {
    counts: {
      rows: scan.rows.length,
      items: plan.items.length,
      questions: plan.questionCount,
      alreadyAnswered: plan.items.reduce((sum, item) => sum + item.questions.filter((question) => log.done.has(question.id)).length, 0),
    },
    files,
    close: () => log.close(),
    async run(options) {
      let timing: EvalResults['timing'];
      try {
        const asked = await askQuestions(scan, plan, log, options.answerer, { signal: options.signal, onProgress: options.onProgress });
        timing = {
          secondsThisSession: asked.seconds,
          questionsPerSecond: asked.askedNow > 0 && asked.seconds > 0 ? asked.askedNow / asked.seconds : null,
        };
      } finally {
        await log.close();
      }
      const results = resultsOf(scan, plan, log, { name, settings, model: options.model, timing });
      const table = resultsTable(results);
      // Written aside and renamed into place: a kill leaves the old file or the new, and a link put
      // there meanwhile is replaced, never written through.
      await writeFileAtomic(files.results, `${JSON.stringify(results, null, 1)}\n`);
      await writeFileAtomic(files.table, table);
      return { results, table, files };
    },
  };
}

function resultsOf(
  scan: BenchmarkScan,
  plan: EvalPlan,
  log: AnswerLog,
  run: { name: string; settings: EvalRunSettings; model: EvalResults['model']; timing: EvalResults['timing'] },
): EvalResults {
  const score = scoreRun(plan, log.done);
  const paper = paperScoreFor(run.name);
  const planned = new Set(plan.items.flatMap((item) => item.questions.map((question) => question.id)));
  return {
    format: 'folio-eval/1',
    benchmark: { file: path.resolve(scan.file), name: run.name, rows: scan.rows.length, items: plan.items.length, ...run.settings },
    model: run.model,
    ...(paper ? { paper } : {}),
    complete: score.outcomes.pending === 0,
    score,
    timing: run.timing,
    answers: [...log.done.values()].filter((record) => planned.has(record.id)),
    writtenAt: new Date().toISOString(),
  };
}

/** Results go to plain files only: a link at --out (or beside it) had its target overwritten. */
async function refuseLink(file: string): Promise<void> {
  const info = await lstat(file).catch(() => null);
  if (!info || info.isFile()) return;
  const what = info.isSymbolicLink() ? 'a link' : 'not a plain file';
  throw new EvalError('results-unwritable', `${file} is ${what}; results are written only to plain files. Choose another --out.`);
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
