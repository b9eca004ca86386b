/**
 * `folio eval FILE.tsv`: a multiple-choice benchmark (VLMEvalKit's TSV layout) asked of a model,
 * scored overall and per category, beside the paper's number. `folio eval report A.json B.json`
 * compares two runs. Ctrl-C stops; the same command continues where it stopped.
 */
import path from 'node:path';
import { ModelSession } from '../studio/model/model-session';
import { comparisonTable } from '../studio/eval/compare-runs';
import { EvalError } from '../studio/eval/eval-error';
import { readEvalResults } from '../studio/eval/eval-results';
import { prepareEvaluation } from '../studio/eval/evaluate-benchmark';
import { modelAnswerer } from '../studio/eval/model-answerer';
import { circularByDefault } from '../studio/eval/paper-scores';
import type { EvalProgress } from '../studio/eval/ask-questions';
import { UsageError } from '../studio/options/usage-error';
import { MODEL_OPTIONS, modelSessionOptions, parseCommandLine } from '../studio/options/model-options';
import { integerOption } from '../studio/options/parse-options';
import { progressReporter } from './progress-reporter';
import { serverOption } from '../studio/options/server-option';
import { abortOnInterrupt } from './abort-on-interrupt';

export async function runEval(argv: string[]): Promise<number> {
  try {
    if (argv[0] === 'retrieval') return await (await import('./eval-retrieval-command')).runEvalRetrieval(argv.slice(1));
    return argv[0] === 'report' ? await runReport(argv.slice(1)) : await runBenchmark(argv);
  } catch (error) {
    // The file's faults are the caller's input: one line, exit 2.
    if (error instanceof EvalError) throw new UsageError(lowerFirst(error.message));
    throw error;
  }
}

async function runBenchmark(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    ...MODEL_OPTIONS,
    out: { type: 'string', short: 'o' },
    circular: { type: 'boolean' },
    'no-circular': { type: 'boolean' },
    limit: { type: 'string' },
    sample: { type: 'string' },
    seed: { type: 'string' },
  });
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('eval needs a benchmark file, e.g. folio eval MMBench_DEV_EN.tsv --model M.gguf --mmproj P.gguf');
  if (extra.length > 0) throw new UsageError(`eval takes one benchmark file; got also "${extra[0]}".`);
  const server = serverOption(values);
  if (!values.model && !server) throw new UsageError('eval needs --model FILE (a GGUF language model).');
  if (values.circular && values['no-circular']) throw new UsageError('choose --circular or --no-circular, not both.');
  const limit = integerOption(values.limit, '--limit', { min: 1 });
  const sample = integerOption(values.sample, '--sample', { min: 1 });
  if (limit !== undefined && sample !== undefined) throw new UsageError('choose --limit or --sample, not both.');
  const seed = integerOption(values.seed, '--seed', { min: 0 });
  if (seed !== undefined && sample === undefined) throw new UsageError('--seed chooses the items of --sample N; give --sample too.');
  const circular = values.circular ?? (values['no-circular'] ? false : circularByDefault(path.basename(file)));
  const modelName = path.basename(values.model ?? server?.model ?? 'model');
  const outPath = values.out ?? `${path.basename(file).replace(/\.tsv$/i, '')}-${modelName.replace(/\.gguf$/i, '')}.json`;
  if (!outPath.toLowerCase().endsWith('.json'))
    throw new UsageError('--out must name a .json file (the answers and the table are written beside it).');

  // The file is checked and the answers so far opened before the model loads: bad input fails at once.
  const prepared = await prepareEvaluation({
    file,
    outPath,
    circular,
    ...(limit === undefined ? {} : { limit }),
    ...(sample === undefined ? {} : { sample, seed: seed ?? 0 }),
    modelName,
    projectorName: values.mmproj ? path.basename(values.mmproj) : null,
  });
  const { items, questions, alreadyAnswered } = prepared.counts;
  const progress = progressReporter();
  progress.done(
    `${items} items, ${questions} questions${circular ? ' (circular)' : ''}${alreadyAnswered > 0 ? `; continuing after ${alreadyAnswered} answered` : ''}`,
  );
  let session: ModelSession;
  try {
    session = await ModelSession.open({
      ...modelSessionOptions(values),
      onProgress: (fraction) => progress.update(`Loading the model ${Math.round(fraction * 100)}%`, fraction),
    });
  } catch (error) {
    await prepared.close();
    throw error;
  }
  const interrupt = abortOnInterrupt();
  try {
    const outcome = await prepared.run({
      answerer: modelAnswerer(session),
      model: { name: modelName, decoder: session.info.decoderPath, projector: session.info.projectorPath, engine: session.info.engine },
      signal: interrupt.signal,
      onProgress: (state) =>
        progress.update(progressLine(state), state.questionsTotal === 0 ? 1 : state.questionsDone / state.questionsTotal),
    });
    progress.done();
    process.stdout.write(outcome.table);
    process.stderr.write(`Results: ${outcome.files.results}\nTable: ${outcome.files.table}\n`);
    return 0;
  } catch (error) {
    if (interrupt.signal.aborted) {
      progress.done('Stopped. Run the same command to continue where it stopped.');
      return 130;
    }
    throw error;
  } finally {
    interrupt.release();
    await session.close();
  }
}

async function runReport(argv: string[]): Promise<number> {
  const { positionals } = parseCommandLine(argv, { verbose: { type: 'boolean' } });
  if (positionals.length !== 2) throw new UsageError('eval report needs two results files: folio eval report A.json B.json');
  const [a, b] = await Promise.all(positionals.map((file) => readEvalResults(file)));
  if (!a || !b) throw new UsageError('eval report needs two results files.');
  process.stdout.write(comparisonTable(a, b));
  return 0;
}

function progressLine(state: EvalProgress): string {
  const pace = state.perSecond === null ? '' : ` · ${state.perSecond.toFixed(2)}/s`;
  const left = state.secondsLeft === null ? '' : ` · ${duration(state.secondsLeft)} left`;
  return `${state.questionsDone}/${state.questionsTotal} questions${pace}${left}`;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
