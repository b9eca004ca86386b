/**
 * The second pass: the file is read again, front to back, and every planned question not yet in
 * the answers is asked and its answer appended at once. Progress counts questions, with the
 * pace of this session (resumed answers do not count toward it) and the time left.
 */
import { readRow, type BenchmarkRow } from './benchmark-row';
import type { AnswerLog } from './answer-log';
import type { EvalPlan, PlannedQuestion } from './eval-plan';
import type { Answer, Answerer } from './model-answerer';
import type { AskedQuestion } from './question-prompt';
import { rotateOptions } from './rotate-options';
import { loadRowPicture } from './row-picture';
import type { BenchmarkScan } from './scan-benchmark';
import { readTsvRecords } from './tsv-records';

export interface EvalProgress {
  questionsDone: number;
  questionsTotal: number;
  /** Questions per second in this session; null until one is answered. */
  perSecond: number | null;
  secondsLeft: number | null;
}

export interface AskOptions {
  signal?: AbortSignal;
  onProgress?: (progress: EvalProgress) => void;
}

/** Returns the seconds spent asking and how many questions were asked in this session. */
export async function askQuestions(scan: BenchmarkScan, plan: EvalPlan, log: AnswerLog, answerer: Answerer, options: AskOptions = {}): Promise<{ seconds: number; askedNow: number }> {
  const started = Date.now();
  let askedNow = 0;
  let done = [...plan.byRow.values()].reduce((sum, questions) => sum + questions.filter((question) => log.done.has(question.id)).length, 0);
  const report = (): void => {
    const seconds = (Date.now() - started) / 1000;
    const perSecond = askedNow > 0 && seconds > 0 ? askedNow / seconds : null;
    options.onProgress?.({ questionsDone: done, questionsTotal: plan.questionCount, perSecond, secondsLeft: perSecond ? (plan.questionCount - done) / perSecond : null });
  };
  report();
  let line = 0;
  for await (const record of readTsvRecords(scan.file, { signal: options.signal })) {
    // A --limit run stops reading once its items are asked, not at the end of a large file.
    if (done >= plan.questionCount) break;
    line += 1;
    if (line === 1) continue;
    options.signal?.throwIfAborted();
    const index = Number(record.fields[scan.columns.at.get('index') ?? 0]);
    const pending = (plan.byRow.get(index) ?? []).filter((question) => !log.done.has(question.id));
    if (pending.length === 0) continue;
    const row = readRow(record.fields, scan.columns, line, scan.file);
    const picture = await pictureFor(row, scan, answerer);
    for (const question of pending) {
      options.signal?.throwIfAborted();
      const { asked, answer: expected } = askedQuestion(row, question);
      const asking = Date.now();
      const answer: Answer = 'skipped' in picture ? picture : await answerer.answer({ ...asked, ...picture }, options.signal);
      await log.append({ id: question.id, item: question.item, expected, ...answer, ...('letter' in answer ? { ms: Date.now() - asking } : {}) });
      done += 1;
      if ('letter' in answer) askedNow += 1;
      report();
    }
  }
  return { seconds: (Date.now() - started) / 1000, askedNow };
}

async function pictureFor(row: BenchmarkRow, scan: BenchmarkScan, answerer: Answerer): Promise<Pick<AskedQuestion, 'picture'> | Extract<Answer, { skipped: unknown }>> {
  if (!row.picture) return {};
  if (!answerer.seesPictures) return { skipped: 'no-image-reader', note: 'The model has no image reader (--mmproj)' };
  const loaded = await loadRowPicture(row.picture, scan);
  return 'skipped' in loaded ? loaded : { picture: loaded.picture };
}

function askedQuestion(row: BenchmarkRow, question: PlannedQuestion): { asked: AskedQuestion; answer: string } {
  const { options, answer } = rotateOptions(row.options, row.answer, question.rotation);
  return { asked: { question: row.question, ...(row.hint ? { hint: row.hint } : {}), options }, answer };
}
