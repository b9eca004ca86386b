// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvaluateRequest, EvaluationSummary } from '../../electron/contract/studio-api';
import { flushStudioProgress, listenToStudio } from '../../renderer/src/store/apply-studio-event';
import { describeProgress } from '../../renderer/src/format/describe-progress';
import { resetStudioStore, useStudio } from '../../renderer/src/store/studio-store';
import { fakeStudio, type FakeStudio } from './fake-studio-api';

let studio: FakeStudio;
let stopListening: () => void;

beforeEach(() => {
  resetStudioStore();
  studio = fakeStudio();
  (globalThis as { studio?: unknown }).studio = studio;
  stopListening = listenToStudio(studio);
});
afterEach(() => stopListening());

const finished: EvaluationSummary = {
  cancelled: false,
  table: '| Overall | 2 | 1 | 50.0 |',
  resultsPath: '/data/evaluations/x.json',
  accuracy: 0.5,
  interval95: [0.1, 0.9],
  items: 2,
  scored: 2,
  paperPercent: 79.6,
};

describe('the Evaluate panel', () => {
  it('runs the benchmark as a job with progress, then shows the table', async () => {
    let release: () => void = () => undefined;
    studio.handle('evaluateModel', (request: EvaluateRequest) => {
      studio.emit({
        type: 'job-progress',
        jobId: request.jobId,
        progress: { kind: 'evaluate', done: 3, total: 8, perSecond: 2, secondsLeft: 2.5 },
      });
      return new Promise((resolve) => (release = () => resolve(finished)));
    });
    useStudio.getState().setBenchmarkPath(' ~/MMBench_DEV_EN.tsv ');
    useStudio.getState().setEvaluateLimit('40');
    const running = useStudio.getState().evaluateModel();
    flushStudioProgress();
    const jobId = useStudio.getState().evaluateJobId as string;
    expect(studio.calls).toEqual([
      { method: 'evaluateModel', params: { jobId, benchmarkPath: '~/MMBench_DEV_EN.tsv', circular: null, limit: 40 } },
    ]);
    expect(describeProgress(useStudio.getState().jobs[jobId]?.progress ?? null, '')).toBe('Question 3 of 8, 2.0 a second, 3 s left');
    release();
    await running;
    expect(useStudio.getState()).toMatchObject({ evaluateJobId: null, evaluation: finished, evaluationError: null, jobs: {} });
  });

  it('stops through cancelJob and shows a refusal in the panel', async () => {
    studio.handle('evaluateModel', () =>
      Promise.reject({ code: 'not-a-tsv', message: 'This is not a benchmark TSV file (its first line has no tabs): notes.tsv' }),
    );
    useStudio.getState().setBenchmarkPath('notes.tsv');
    await useStudio.getState().evaluateModel();
    expect(useStudio.getState().evaluationError).toMatchObject({ code: 'not-a-tsv' });

    let cancel: () => void = () => undefined;
    studio.handle('evaluateModel', () => new Promise((resolve) => (cancel = () => resolve({ ...finished, cancelled: true, table: null }))));
    studio.handle('cancelJob', async () => cancel());
    const running = useStudio.getState().evaluateModel();
    await useStudio.getState().cancelEvaluation();
    await running;
    expect(studio.calls.at(-1)).toMatchObject({ method: 'cancelJob' });
    expect(useStudio.getState().evaluation).toMatchObject({ cancelled: true });
  });
});
