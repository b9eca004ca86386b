/** What a finished (or stopped) run writes to its results file, and reads back for `eval report`. */
import { readFile } from 'node:fs/promises';
import type { AnswerRecord } from './answer-log';
import { EvalError } from './eval-error';
import type { PaperScore } from './paper-scores';
import type { RunScore } from './score-run';

export interface EvalRunSettings {
  circular: boolean;
  limit?: number;
  sample?: number;
  seed?: number;
}

export interface EvalResults {
  format: 'folio-eval/1';
  benchmark: { file: string; name: string; rows: number; items: number } & EvalRunSettings;
  model: { name: string; decoder: string; projector: string | null; engine: string };
  paper?: PaperScore;
  /** Whether every planned question has its answer. */
  complete: boolean;
  score: RunScore;
  timing: { secondsThisSession: number; questionsPerSecond: number | null };
  answers: AnswerRecord[];
  writtenAt: string;
}

export async function readEvalResults(file: string): Promise<EvalResults> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EvalError('file-missing', `The results file could not be read: ${file}`, error.message);
  });
  let value: Partial<EvalResults>;
  try {
    value = JSON.parse(text) as Partial<EvalResults>;
  } catch (error) {
    throw new EvalError(
      'results-unreadable',
      `This is not a folio eval results file: ${file}`,
      error instanceof Error ? error.message : String(error),
    );
  }
  if (value.format !== 'folio-eval/1' || !value.score || !value.benchmark)
    throw new EvalError('results-unreadable', `This is not a folio eval results file: ${file}`);
  return value as EvalResults;
}
