/**
 * The second pass: the file is read again, front to back, and every planned question not yet in
 * the answers is asked and its answer appended at once. Progress counts questions, with the
 * pace of this session (resumed answers do not count toward it) and the time left.
 */
import { readRow, type BenchmarkRow } from './benchmark-row';
import type { AnswerLog } from './answer-log';
import type { EvalPlan, PlannedItem, PlannedQuestion } from './eval-plan';
import type { Answer, Answerer } from './model-answerer';
import type { EvalQuestion as AskedQuestion } from '../compose/prompt-families/prompt-family';
import { rotateOptions } from './rotate-options';
import { loadRowPicture } from './row-picture';
import type { BenchmarkScan } from './scan-benchmark';
import { readRecordAt, readTsvRecords } from './tsv-records';

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
export async function askQuestions(
  scan: BenchmarkScan,
  plan: EvalPlan,
  log: AnswerLog,
  answerer: Answerer,
  options: AskOptions = {},
): Promise<{ seconds: number; askedNow: number }> {
  const started = Date.now();
  let askedNow = 0;
  let done = [...plan.byRow.values()].reduce((sum, questions) => sum + questions.filter((question) => log.done.has(question.id)).length, 0);
  const report = (): void => {
    const seconds = (Date.now() - started) / 1000;
    const perSecond = askedNow > 0 && seconds > 0 ? askedNow / seconds : null;
    options.onProgress?.({
      questionsDone: done,
      questionsTotal: plan.questionCount,
      perSecond,
      secondsLeft: perSecond ? (plan.questionCount - done) / perSecond : null,
    });
  };
  report();
  const itemOfRow = new Map(plan.items.flatMap((item) => item.questions.map((question) => [question.row, item] as const)));
  const asked = new Set<PlannedItem>();
  let line = 0;
  for await (const record of readTsvRecords(scan.file, { signal: options.signal })) {
    // A --limit run stops reading once its items are asked, not at the end of a large file.
    if (done >= plan.questionCount) break;
    line += 1;
    if (line === 1) continue;
    const item = itemOfRow.get(Number(record.fields[scan.columns.at.get('index') ?? 0]));
    if (!item || asked.has(item)) continue;
    asked.add(item);
    // All of an item's questions one after another, even when its rotations lie far apart in the
    // file (MMBench puts them in later blocks): they share the picture and the question, which the
    // engine's prompt cache then reuses (measured: a rotation took 1.6–2.3 s after 10.5 s for the first).
    const rows = new Map<number, { row: BenchmarkRow; picture: Awaited<ReturnType<typeof pictureFor>> }>();
    for (const question of item.questions) {
      if (log.done.has(question.id)) continue;
      options.signal?.throwIfAborted();
      let source = rows.get(question.row);
      if (!source) {
        const row = await rowOf(question.row, record.fields, line, scan);
        source = { row, picture: await pictureFor(row, scan, answerer) };
        rows.set(question.row, source);
      }
      const { picture } = source;
      const { asked: shown, answer: expected } = askedQuestion(source.row, question);
      const asking = Date.now();
      const answer: Answer = 'skipped' in picture ? picture : await answerer.answer({ ...shown, ...picture }, options.signal);
      await log.append({
        id: question.id,
        item: question.item,
        expected,
        ...answer,
        ...('letter' in answer ? { ms: Date.now() - asking } : {}),
      });
      done += 1;
      if ('letter' in answer) askedNow += 1;
      report();
    }
  }
  return { seconds: (Date.now() - started) / 1000, askedNow };
}

/** The row being read, or another row of the same item, read again by its offset. */
async function rowOf(index: number, current: string[], line: number, scan: BenchmarkScan): Promise<BenchmarkRow> {
  const here = readRow(current, scan.columns, line, scan.file);
  if (here.index === index) return here;
  const offset = scan.offsetOf.get(index);
  const fields = offset === undefined ? undefined : await readRecordAt(scan.file, offset);
  if (!fields) throw new Error(`row ${index} of ${scan.file} could not be read again`);
  return readRow(fields, scan.columns, 0, scan.file);
}

async function pictureFor(
  row: BenchmarkRow,
  scan: BenchmarkScan,
  answerer: Answerer,
): Promise<Pick<AskedQuestion, 'picture'> | Extract<Answer, { skipped: unknown }>> {
  if (!row.picture) return {};
  if (!answerer.seesPictures) return { skipped: 'no-image-reader', note: 'The model has no image reader (--mmproj)' };
  const loaded = await loadRowPicture(row.picture, scan);
  return 'skipped' in loaded ? loaded : { picture: loaded.picture };
}

function askedQuestion(row: BenchmarkRow, question: PlannedQuestion): { asked: AskedQuestion; answer: string } {
  const { options, answer } = rotateOptions(row.options, row.answer, question.rotation);
  return { asked: { question: row.question, ...(row.hint ? { hint: row.hint } : {}), options }, answer };
}
