/**
 * A whole benchmark run, the same for `folio eval` and the studio's Evaluate panel: check the
 * file, plan the items, continue from the answers so far, ask the rest, score, and write the
 * results (JSON with every answer) and the Markdown table beside them.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openAnswerLog } from './answer-log';
import { askQuestions, type EvalProgress } from './ask-questions';
import { planRun, type PlanOptions } from './eval-plan';
import type { EvalResults } from './eval-results';
import type { Answerer } from './model-answerer';
import { paperScoreFor } from './paper-scores';
import { resultsTable } from './results-table';
import { scanBenchmark } from './scan-benchmark';
import { scoreRun } from './score-run';

export interface EvaluateOptions extends PlanOptions {
  file: string;
  /** The results file (.json); the answers log and the table go beside it. */
  outPath: string;
  answerer: Answerer;
  model: EvalResults['model'];
  signal?: AbortSignal;
  onProgress?: (progress: EvalProgress) => void;
  /** Called once the file is checked, before any question is asked. */
  onPlanned?: (counts: { rows: number; items: number; questions: number; alreadyAnswered: number }) => void;
}

export interface EvaluationOutcome {
  results: EvalResults;
  table: string;
  files: { results: string; answers: string; table: string };
}

export function evalFilesFor(outPath: string): EvaluationOutcome['files'] {
  const stem = outPath.replace(/\.json$/i, '');
  return { results: outPath, answers: `${stem}.answers.jsonl`, table: `${stem}.md` };
}

export async function evaluateBenchmark(options: EvaluateOptions): Promise<EvaluationOutcome> {
  const scan = await scanBenchmark(options.file, options.signal);
  const settings = { circular: options.circular, ...defined({ limit: options.limit, sample: options.sample, seed: options.sample === undefined ? undefined : (options.seed ?? 0) }) };
  const plan = planRun(scan, settings);
  const files = evalFilesFor(options.outPath);
  const name = path.basename(options.file);
  const log = await openAnswerLog(files.answers, { benchmark: name, bytes: scan.byteSize, model: options.model.name, projector: options.model.projector ? path.basename(options.model.projector) : null, ...settings });
  let timing: EvalResults['timing'];
  try {
    options.onPlanned?.({ rows: scan.rows.length, items: plan.items.length, questions: plan.questionCount, alreadyAnswered: log.done.size });
    const asked = await askQuestions(scan, plan, log, options.answerer, { signal: options.signal, onProgress: options.onProgress });
    timing = { secondsThisSession: asked.seconds, questionsPerSecond: asked.askedNow > 0 && asked.seconds > 0 ? asked.askedNow / asked.seconds : null };
  } finally {
    await log.close();
  }
  const score = scoreRun(plan, log.done);
  const paper = paperScoreFor(name);
  const planned = new Set(plan.items.flatMap((item) => item.questions.map((question) => question.id)));
  const results: EvalResults = {
    format: 'folio-eval/1',
    benchmark: { file: path.resolve(options.file), name, rows: scan.rows.length, items: plan.items.length, ...settings },
    model: options.model,
    ...(paper ? { paper } : {}),
    complete: score.outcomes.pending === 0,
    score,
    timing,
    answers: [...log.done.values()].filter((record) => planned.has(record.id)),
    writtenAt: new Date().toISOString(),
  };
  const table = resultsTable(results);
  await writeFile(files.results, `${JSON.stringify(results, null, 1)}\n`);
  await writeFile(files.table, table);
  return { results, table, files };
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
