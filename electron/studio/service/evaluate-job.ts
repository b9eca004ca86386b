/**
 * The studio's Evaluate panel: the same run as `folio eval`, on the loaded model. Results go to
 * `evaluations/` in the data folder, named by benchmark and model, so asking again continues a
 * cancelled run instead of starting over.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { EvaluateRequest, EvaluationSummary, JobProgress } from '../../contract/studio-api';
import { EvalError } from '../eval/eval-error';
import { prepareEvaluation } from '../eval/evaluate-benchmark';
import { modelAnswerer } from '../eval/model-answerer';
import { circularByDefault } from '../eval/paper-scores';
import type { ModelSession } from '../model/model-session';
import { studioError } from './to-studio-error';

export async function runEvaluation(
  session: ModelSession,
  dataDir: string,
  request: EvaluateRequest,
  job: { signal: AbortSignal; progress: (progress: JobProgress) => void },
): Promise<EvaluationSummary> {
  if (request.limit !== undefined && request.sample !== undefined)
    throw studioError('invalid-request', 'Choose a limit or a sample, not both.');
  const benchmark = path.basename(request.benchmarkPath);
  const circular = request.circular ?? circularByDefault(benchmark);
  const modelName = path.basename(session.info.decoderPath || session.info.modelName);
  const folder = path.join(dataDir, 'evaluations');
  await mkdir(folder, { recursive: true });
  // One file per benchmark and model: a shorter run's answers count toward a longer one.
  const outPath = path.join(folder, `${benchmark.replace(/\.tsv$/i, '')}-${modelName.replace(/\.gguf$/i, '')}.json`);
  try {
    const prepared = await prepareEvaluation({
      file: request.benchmarkPath,
      outPath,
      circular,
      ...(request.limit === undefined ? {} : { limit: request.limit }),
      ...(request.sample === undefined ? {} : { sample: request.sample, seed: request.seed ?? 0 }),
      modelName,
      projectorName: session.info.projectorPath ? path.basename(session.info.projectorPath) : null,
      signal: job.signal,
    });
    const outcome = await prepared
      .run({
        answerer: modelAnswerer(session),
        model: { name: modelName, decoder: session.info.decoderPath, projector: session.info.projectorPath, engine: session.info.engine },
        signal: job.signal,
        onProgress: (state) =>
          job.progress({
            kind: 'evaluate',
            done: state.questionsDone,
            total: state.questionsTotal,
            perSecond: state.perSecond,
            secondsLeft: state.secondsLeft,
          }),
      })
      .catch((error: unknown) => {
        if (job.signal.aborted) return null;
        throw error;
      });
    if (!outcome)
      return {
        cancelled: true,
        table: null,
        resultsPath: outPath,
        accuracy: null,
        interval95: null,
        items: prepared.counts.items,
        scored: 0,
        paperPercent: null,
      };
    const { overall } = outcome.results.score;
    return {
      cancelled: false,
      table: outcome.table,
      resultsPath: outPath,
      accuracy: overall.accuracy,
      interval95: overall.scored > 0 ? overall.interval95 : null,
      items: overall.items,
      scored: overall.scored,
      paperPercent: outcome.results.paper?.percent ?? null,
    };
  } catch (error) {
    // The benchmark file's faults, in the writer's words.
    if (error instanceof EvalError) throw studioError(error.code, error.message, error.detail);
    throw error;
  }
}
