import type { StateCreator } from 'zustand';
import type { EvaluationSummary, StudioError } from '@contract/studio-api';
import { evaluateService } from '../../services/evaluate-service';
import type { StudioStore } from '../studio-store';

/** The Evaluate panel: a benchmark file asked of the loaded model, with progress, cancel and the table. */
export interface EvaluateSlice {
  benchmarkPath: string;
  /** Items to ask, as typed: empty for all. */
  evaluateLimit: string;
  evaluateJobId: string | null;
  evaluation: EvaluationSummary | null;
  evaluationError: StudioError | null;
  setBenchmarkPath(path: string): void;
  setEvaluateLimit(limit: string): void;
  evaluateModel(): Promise<void>;
  cancelEvaluation(): Promise<void>;
}

export const createEvaluateSlice: StateCreator<StudioStore, [], [], EvaluateSlice> = (set, get) => ({
  benchmarkPath: '',
  evaluateLimit: '',
  evaluateJobId: null,
  evaluation: null,
  evaluationError: null,

  setBenchmarkPath: (benchmarkPath) => set({ benchmarkPath }),
  setEvaluateLimit: (evaluateLimit) => set({ evaluateLimit }),

  async evaluateModel() {
    const benchmarkPath = get().benchmarkPath.trim();
    if (!benchmarkPath || get().evaluateJobId) return;
    const limit = Number(get().evaluateLimit.trim());
    const jobId = get().startJob('evaluate', 'Evaluating the model');
    set({ evaluateJobId: jobId, evaluation: null, evaluationError: null });
    try {
      const evaluation = await evaluateService.run({
        jobId,
        benchmarkPath,
        circular: null,
        ...(Number.isInteger(limit) && limit > 0 ? { limit } : {}),
      });
      set({ evaluation });
    } catch (error) {
      // Shown in the panel, beside the file it is about.
      set({ evaluationError: error as StudioError });
    } finally {
      get().finishJob(jobId);
      set({ evaluateJobId: null });
    }
  },
  async cancelEvaluation() {
    const jobId = get().evaluateJobId;
    if (jobId) await get().cancelJob(jobId);
  },
});
