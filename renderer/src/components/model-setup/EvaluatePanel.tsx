import { useStudio } from '../../store/studio-store';
import { describeProgress, progressFraction } from '../../format/describe-progress';
import { PathField } from '../common/PathField';

/**
 * Evaluate: a multiple-choice benchmark (VLMEvalKit's TSV files: MMBench, MMStar, AI2D, ...)
 * asked of the loaded model, with the score beside the paper's. A stopped run continues where
 * it stopped when started again.
 */
export function EvaluatePanel() {
  const ready = useStudio((state) => state.modelStatus?.state === 'ready');
  const benchmarkPath = useStudio((state) => state.benchmarkPath);
  const limit = useStudio((state) => state.evaluateLimit);
  const jobId = useStudio((state) => state.evaluateJobId);
  const job = useStudio((state) => (state.evaluateJobId ? state.jobs[state.evaluateJobId] : undefined));
  const evaluation = useStudio((state) => state.evaluation);
  const error = useStudio((state) => state.evaluationError);
  const { setBenchmarkPath, setEvaluateLimit, evaluateModel, cancelEvaluation } = useStudio.getState();
  const fraction = job ? progressFraction(job.progress) : null;

  return (
    <section className="setup-section evaluate" aria-labelledby="evaluate-title" data-testid="evaluate-panel">
      <h2 id="evaluate-title">Evaluate</h2>
      <p className="hint">
        Check the loaded model on a benchmark file (VLMEvalKit&apos;s TSV layout, e.g. MMBench_DEV_EN.tsv). Answers are kept as they come: a
        stopped run continues when you start it again.
      </p>
      <PathField
        label="Benchmark file (TSV)"
        value={benchmarkPath}
        onChange={setBenchmarkPath}
        purpose="benchmark"
        testId="benchmark-path"
        placeholder="~/benchmarks/MMBench_DEV_EN.tsv"
      />
      <div className="field">
        <label htmlFor="evaluate-limit">Items to ask</label>
        <input
          id="evaluate-limit"
          type="number"
          min={1}
          inputMode="numeric"
          placeholder="all"
          value={limit}
          data-testid="evaluate-limit"
          onChange={(event) => setEvaluateLimit(event.target.value)}
        />
      </div>
      <div className="button-row">
        {jobId ? (
          <button type="button" data-testid="cancel-evaluate" disabled={job?.cancelling} onClick={() => void cancelEvaluation()}>
            {job?.cancelling ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            data-testid="run-evaluate"
            disabled={!ready || !benchmarkPath.trim()}
            onClick={() => void evaluateModel()}
          >
            Run
          </button>
        )}
      </div>
      {!ready && <p className="hint">Load a model first.</p>}
      <div aria-live="polite" data-testid="evaluate-status">
        {job && (
          <>
            <progress max={1} value={fraction ?? undefined} aria-label="Evaluation progress" />
            <p>{describeProgress(job.progress, 'Reading the benchmark')}</p>
          </>
        )}
        {error && (
          <p className="inline-error" role="alert">
            {error.message}
          </p>
        )}
        {evaluation?.cancelled && <p>Stopped. The answers so far are kept: Run continues from there.</p>}
        {evaluation?.table && (
          <>
            <pre className="evaluation-table" data-testid="evaluation-table">
              {evaluation.table}
            </pre>
            <p className="hint">Saved: {evaluation.resultsPath}</p>
          </>
        )}
      </div>
    </section>
  );
}
