import type { StateCreator } from 'zustand';
import type { JobProgress } from '@contract/studio-api';
import { jobService, newJobId } from '../../services/job-service';
import type { StudioStore } from '../studio-store';

export type JobKind = 'compose' | 'edit' | 'figure' | 'ask' | 'index' | 'download' | 'export' | 'evaluate' | 'convert';

/** Jobs the writer waits on (the job bar shows them; Escape stops them). */
export const FOREGROUND_JOBS: ReadonlySet<JobKind> = new Set<JobKind>(['compose', 'edit', 'figure', 'ask', 'export']);

export interface RunningJob {
  id: string;
  kind: JobKind;
  /** What the job does, in words ("Rewriting the paragraph"). */
  label: string;
  progress: JobProgress | null;
  startedAt: number;
  cancelling: boolean;
}

export interface JobsSlice {
  jobs: Record<string, RunningJob>;
  /** Registers a job and returns its id (the one the studio call carries). */
  startJob(kind: JobKind, label: string): string;
  jobProgressed(progress: Record<string, JobProgress>): void;
  finishJob(jobId: string): void;
  cancelJob(jobId: string): Promise<void>;
  /** Escape: stops the most recent job the writer is waiting on (not a download or indexing). */
  cancelLatestJob(): Promise<void>;
}

export const createJobsSlice: StateCreator<StudioStore, [], [], JobsSlice> = (set, get) => ({
  jobs: {},

  startJob(kind, label) {
    const id = newJobId(kind);
    set((state) => ({ jobs: { ...state.jobs, [id]: { id, kind, label, progress: null, startedAt: Date.now(), cancelling: false } } }));
    return id;
  },
  jobProgressed(progress) {
    set((state) => {
      const jobs = { ...state.jobs };
      for (const [id, next] of Object.entries(progress)) {
        const job = jobs[id];
        if (job) jobs[id] = { ...job, progress: next };
      }
      return { jobs };
    });
  },
  finishJob(jobId) {
    set((state) => {
      const { [jobId]: _finished, ...jobs } = state.jobs;
      return { jobs };
    });
  },
  async cancelJob(jobId) {
    const job = get().jobs[jobId];
    if (!job) return;
    set((state) => ({ jobs: { ...state.jobs, [jobId]: { ...job, cancelling: true } } }));
    try {
      await jobService.cancel(jobId);
    } catch (error) {
      get().showError(error);
    }
  },
  async cancelLatestJob() {
    const latest = Object.values(get().jobs)
      .filter((job) => !job.cancelling && FOREGROUND_JOBS.has(job.kind))
      .sort((a, b) => b.startedAt - a.startedAt)[0];
    if (latest) await get().cancelJob(latest.id);
  },
});
