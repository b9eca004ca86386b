import type { JobProgress, StudioEvent } from '../../contract/studio-api';
import { studioError } from './to-studio-error';

/** Long calls in flight, by the job id the renderer chose: progress events and cancel. */
export class JobRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly emit: (event: StudioEvent) => void) {}

  async run<T>(jobId: string, work: (job: { signal: AbortSignal; progress: (progress: JobProgress) => void }) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) throw studioError('job-exists', 'That job is already running.');
    const controller = new AbortController();
    this.running.set(jobId, controller);
    try {
      return await work({ signal: controller.signal, progress: (progress) => this.emit({ type: 'job-progress', jobId, progress }) });
    } finally {
      this.running.delete(jobId);
    }
  }

  cancel(jobId: string): void {
    this.running.get(jobId)?.abort();
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
