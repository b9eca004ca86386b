import { describeProgress, progressFraction } from '../format/describe-progress';
import { shortcutLabel } from '../keyboard/shortcuts';
import { FOREGROUND_JOBS, type RunningJob } from '../store/slices/jobs-slice';
import { useStudio } from '../store/studio-store';
import { ProgressBar } from './common/ProgressBar';

/** The model job the writer is waiting for, above the article, with Cancel. */
export function JobBar() {
  const job = useStudio((state) => latestForegroundJob(state.jobs));
  const cancelJob = useStudio((state) => state.cancelJob);
  if (!job) return <div className="job-bar-slot" aria-live="polite" />;
  const text = job.cancelling ? 'Stopping…' : describeProgress(job.progress, job.label);
  return (
    <div className="job-bar-slot" aria-live="polite">
      <div className="job-bar" data-testid="job-progress" data-job-kind={job.kind}>
        <span className="spinner" aria-hidden="true" />
        <span className="job-text">{text}</span>
        <ProgressBar fraction={progressFraction(job.progress)} label={job.label} />
        <button
          type="button"
          data-testid="cancel-job"
          disabled={job.cancelling}
          onClick={() => void cancelJob(job.id)}
          title={`Stop (${shortcutLabel('cancelJob')})`}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

function latestForegroundJob(jobs: Record<string, RunningJob>): RunningJob | null {
  let latest: RunningJob | null = null;
  for (const job of Object.values(jobs)) if (FOREGROUND_JOBS.has(job.kind) && (!latest || job.startedAt >= latest.startedAt)) latest = job;
  return latest;
}
