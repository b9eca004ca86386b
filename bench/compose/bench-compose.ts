/**
 * npm run bench:compose [-- --quick] [--figures 3] [--pictures 50] [--write-tokens 400]
 *   [--model M.gguf --mmproj P.gguf] [--embedding-model DIR] [--threads N] [--context N] [--json OUT]
 *
 * A whole composition as `folio compose --library` runs it (outline, a library folder indexed by
 * the image-embedding model, N figures) on the llama-server engine, printing per step and per
 * figure: wall time, prompt positions evaluated (text and picture tokens), positions reused
 * from the engine's cache, tokens generated, pictures shown and encoded; the totals; and the
 * totals of a minimal run doing only the work the prompts require (compose-accounts.ts). Every
 * count is the engine's (model-call-ledger.ts), and llama-server's own log tally is printed
 * beside them. Default: the realistic shape (npm run fixtures -- --realistic: the 1.8B-shaped
 * Q8_0 decoder, the 224-px projector); --quick: the tiny generated models, for npm test.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { composeArticle } from '../../electron/studio/compose/compose-article';
import { ModelSession } from '../../electron/studio/model/model-session';
import { openComposeLibrary } from '../../electron/cli/compose-library';
import { progressReporter } from '../../electron/cli/progress-reporter';
import { colourPicture } from '../fixtures/colour-picture';
import { addCounts, emptyCounts, minimalPerCall, stepAccounts, type StepAccount, type WorkCounts } from './compose-accounts';
import { engineLogCounter } from './engine-log-counts';
import { recordModelCalls } from './model-call-ledger';
import { StepTimeline } from './step-timeline';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/generated');
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    model: { type: 'string' },
    mmproj: { type: 'string' },
    'embedding-model': { type: 'string', default: path.join(FIXTURES, 'tiny-clip') },
    figures: { type: 'string' },
    pictures: { type: 'string' },
    'write-tokens': { type: 'string' },
    threads: { type: 'string' },
    context: { type: 'string' },
    seed: { type: 'string', default: '0' },
    json: { type: 'string' },
  },
});
const quick = values.quick;
const model = values.model ?? path.join(FIXTURES, quick ? 'tiny-internlm2.gguf' : 'realistic-internlm2-1_8b-q8_0.gguf');
const projector = values.mmproj ?? path.join(FIXTURES, quick ? 'tiny-internvl-mmproj.gguf' : 'bench-small-mmproj.gguf');
const figures = Number(values.figures ?? (quick ? 2 : 3));
const pictureCount = Number(values.pictures ?? (quick ? 8 : 50));
const writeTokens = Number(values['write-tokens'] ?? (quick ? 96 : 400));
for (const file of [model, projector])
  if (!existsSync(file)) {
    console.error(`bench:compose: ${file} does not exist. Generate the models first: npm run fixtures${quick ? '' : ' -- --realistic'}`);
    process.exit(2);
  }

const OUTLINE = `# Harbour towns at dawn
## The boats come in
Fishing boats, nets, the first light on the water.
## The market opens
Stalls, crates of fish, voices.
## The lighthouse
The keeper, the lamp, the rocks below.
`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-compose-'));
const folder = path.join(dir, 'library');
mkdirSync(folder);
const side = quick ? 48 : 320;
for (let seed = 0; seed < pictureCount; seed++)
  writeFileSync(path.join(folder, `picture-${seed}.png`), await colourPicture(seed, 'png', side, Math.round((side * 3) / 4)));

const loadBefore = os.loadavg();
const logCounter = engineLogCounter();
const started = performance.now();
const session = await ModelSession.open({
  decoderPath: model,
  projectorPath: projector,
  engine: 'llama-server',
  backend: 'cpu',
  contextSize: Number(values.context ?? (quick ? 2048 : 4096)),
  ...(values.threads ? { threads: Number(values.threads) } : quick ? { threads: 1 } : {}),
  onLog: (line) => logCounter.read(line),
});
const loadMs = performance.now() - started;
const timeline = new StepTimeline();
const calls = recordModelCalls(session.engine, timeline);
const reporter = quick ? { update: () => undefined, done: () => undefined } : progressReporter();
const interrupt = new AbortController();
let library: Awaited<ReturnType<typeof openComposeLibrary>> | undefined;
const timing = { indexMs: 0, composeMs: 0 };
try {
  const indexStarted = performance.now();
  library = await openComposeLibrary(
    folder,
    session,
    { 'library-db': path.join(dir, 'library.sqlite'), 'embedding-model': values['embedding-model'] },
    reporter,
    interrupt.signal,
  );
  timing.indexMs = performance.now() - indexStarted;
  const composeStarted = performance.now();
  const outcome = await composeArticle(
    session,
    { outline: OUTLINE, library: library.source, figures, writeMaxTokens: writeTokens },
    {
      seed: Number(values.seed),
      onProgress: (progress) => {
        timeline.progress(progress);
        // A line per step and per 25 tokens: a realistic run writes for many minutes.
        if (!quick)
          reporter.update(
            `${progress.step}${progress.slot ? ` figure ${progress.slot}` : ''}: ${Math.floor(progress.tokens / 25) * 25} tokens`,
          );
      },
    },
  );
  timing.composeMs = performance.now() - composeStarted;
  if (outcome.writeProblem) console.error(`writing stopped: ${outcome.writeProblem.message}`);
  for (const problem of outcome.problems) console.error(`problem: ${problem}`);
} finally {
  await library?.close();
  await session.close();
  rmSync(dir, { recursive: true, force: true });
}
// The last answer's timing lines may still be on their way from the engine's log.
await new Promise((resolve) => setTimeout(resolve, 300));

const steps = stepAccounts(timeline.close(), calls);
const total = {
  ...steps.reduce((sum, step) => addCounts(sum, step), emptyCounts()),
  wallMs: steps.reduce((sum, step) => sum + step.wallMs, 0),
};
const perFigure = [...new Set(steps.flatMap((step) => (step.figure === null ? [] : [step.figure])))].map((figure) => {
  const own = steps.filter((step) => step.figure === figure);
  return {
    figure,
    wallMs: own.reduce((sum, step) => sum + step.wallMs, 0),
    ...own.reduce((sum, step) => addCounts(sum, step), emptyCounts()),
  };
});
const ideal = minimalPerCall(calls);
const minimal = ideal.reduce((sum, counts) => addCounts(sum, counts), emptyCounts());
// Per step, what an ideal cache would have reused and encoded: where the two differ, work is done twice.
const idealOf = (step: StepAccount) =>
  ideal
    .filter((_, index) => calls[index]?.step === step.step && calls[index]?.figure === step.figure)
    .reduce((sum, counts) => addCounts(sum, counts), emptyCounts());
const engineLog = logCounter.counts();
const writing = steps.filter((step) => step.step === 'write').reduce((sum, step) => sum + step.wallMs, 0);
const report = {
  model: path.basename(model),
  projector: path.basename(projector),
  engine: session.info.engine,
  threads: session.info.threads,
  contextSize: session.info.contextSize,
  figures,
  pictures: pictureCount,
  writeTokens,
  loadAverage: { before: loadBefore, after: os.loadavg() },
  loadMs,
  ...timing,
  steps,
  perFigure,
  total,
  minimal,
  engineLog,
  afterWritingMs: total.wallMs - writing,
  writingMs: writing,
  calls: calls.map(({ sequence: _sequence, ...call }) => call),
};
printReport(report.steps, report.perFigure, total, minimal);
const chunkCounts = calls
  .filter((call) => call.pictures > 0)
  .map((call) => `${call.step}${call.figure ?? ''} ${call.pictureChunksEncoded ?? '?'}`);
console.log(`image chunks the engine encoded, per call with pictures (a sliced picture is several): ${chunkCounts.join(', ') || 'none'}`);
console.log(
  `engine log: ${engineLog.answers} answers, ${engineLog.evaluated} positions evaluated, ${engineLog.generated} generated (${
    engineLog.answers === total.calls && engineLog.evaluated === total.evaluated && engineLog.generated === total.generated
      ? 'the same as the answers said'
      : 'DIFFERENT from the answers'
  })`,
);
console.log(
  `${report.model} + ${report.projector} on ${report.engine}, ${report.threads} thread(s), context ${report.contextSize}; library ${pictureCount} pictures (indexed in ${seconds(timing.indexMs)} s), ${figures} figures, writing at most ${writeTokens} tokens; load ${seconds(loadMs)} s`,
);
console.log(
  `after writing ${seconds(report.afterWritingMs)} s against writing ${seconds(writing)} s; load average before ${loadBefore.map((n) => n.toFixed(2)).join(' ')}, after ${report.loadAverage.after.map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`,
);
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));

function printReport(rows: StepAccount[], figureRows: typeof perFigure, sum: typeof total, least: WorkCounts): void {
  const line = (label: string, figure: string, wallMs: number | null, counts: WorkCounts, ideals?: WorkCounts) => ({
    step: label,
    figure,
    'wall s': wallMs === null ? '' : seconds(wallMs),
    calls: counts.calls,
    'text eval': counts.evaluatedText,
    'picture eval': counts.evaluatedPicture,
    cached: counts.cached,
    generated: counts.generated,
    'pictures shown': counts.pictures,
    encoded: counts.picturesEncoded,
    'ideal cached': ideals?.cached ?? '',
    'ideal encoded': ideals?.picturesEncoded ?? '',
  });
  console.table([
    ...rows.map((row) => line(row.step, row.figure === null ? '' : String(row.figure), row.wallMs, row, idealOf(row))),
    ...figureRows.map((row) => line('figure total', String(row.figure), row.wallMs, row)),
    line('TOTAL', '', sum.wallMs, sum),
    line('minimal', '', null, least),
  ]);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
}
