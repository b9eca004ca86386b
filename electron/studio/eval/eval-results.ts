/** What a finished (or stopped) run writes to its results file, and reads back for `eval report`. */
import { OUTSIDE_FILE_PROBLEM_TEXT } from '../../../native-models/files/outside-file-problem-text';
import { readOutsideFile } from '../../../native-models/files/read-outside-file';
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

/** Every answer of a full MMBench run is a few megabytes of JSON. */
const MAX_RESULTS_BYTES = 256 * 1024 * 1024;

export async function readEvalResults(file: string): Promise<EvalResults> {
  const read = await readOutsideFile(file, MAX_RESULTS_BYTES);
  if (!('bytes' in read))
    throw new EvalError('file-missing', `The results file ${OUTSIDE_FILE_PROBLEM_TEXT[read.problem]}: ${file}`, read.detail);
  const text = read.bytes.toString('utf8');
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
