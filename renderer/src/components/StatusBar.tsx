import type { ModelStatus } from '@contract/studio-api';
import { describeProgress } from '../format/describe-progress';
import { STUDIO_STOPPED_MESSAGE } from '../format/studio-stopped';
import { useStudio } from '../store/studio-store';
import { ProgressBar } from './common/ProgressBar';

/** The model in one line (engine, backend, fit, load progress, errors), and background work. */
export function StatusBar() {
  const stopped = useStudio((state) => state.studioStopped);
  const status = useStudio((state) => (state.studioStopped ? null : state.modelStatus));
  const background = useStudio((state) => Object.values(state.jobs).find((job) => job.kind === 'index' || job.kind === 'download') ?? null);
  const openSetup = useStudio((state) => state.openSetup);
  const cancelModelLoad = useStudio((state) => state.cancelModelLoad);

  return (
    <footer className="status-bar">
      <div
        className={`model-status ${stopped ? 'failed' : (status?.state ?? 'unknown')}`}
        data-testid="model-status"
        data-state={stopped ? 'studio-stopped' : (status?.state ?? 'unknown')}
        role="status"
        aria-live="polite"
      >
        <span className="status-dot" aria-hidden="true" />
        {stopped ? <span className="status-error">{STUDIO_STOPPED_MESSAGE}</span> : <ModelLine status={status} />}
        {status?.state === 'loading' && (
          <>
            <ProgressBar fraction={status.loadProgress} label="Loading the model" />
            <button type="button" className="link-button" data-testid="cancel-model-load" onClick={() => void cancelModelLoad()}>
              Cancel
            </button>
          </>
        )}
        {(status?.state === 'failed' || status?.state === 'none') && (
          <button type="button" className="link-button" onClick={openSetup}>
            Set up a model
          </button>
        )}
      </div>
      {background && (
        <div className="background-job" aria-live="polite">
          {background.label}: {describeProgress(background.progress, background.label)}
        </div>
      )}
    </footer>
  );
}

function ModelLine({ status }: { status: ModelStatus | null }) {
  if (!status) return <span>Connecting to the studio…</span>;
  switch (status.state) {
    case 'none':
      return <span>No model loaded</span>;
    case 'loading':
      return <span>Loading {status.modelName ?? 'the model'}…</span>;
    case 'failed':
      return <span className="status-error">{status.error?.message ?? 'The model could not be loaded.'}</span>;
    case 'ready': {
      // The line stays short enough to read whole; the memory estimate (a sentence of its own) is in the tooltip.
      const parts = [
        status.engine,
        status.backend?.toUpperCase(),
        status.vision ? (status.pictureAdapter ? 'sees pictures (with its picture adapter)' : 'sees pictures') : 'text only',
      ].filter(Boolean);
      return (
        <span title={[...parts, status.runsOn, status.fitSummary].filter(Boolean).join(' · ')}>
          Ready: <strong>{status.modelName ?? 'model'}</strong>
          {status.demo && <span className="badge warning-badge">demo: writes nonsense</span>}{' '}
          <span className="status-detail">{parts.join(' · ')}</span>
        </span>
      );
    }
  }
}
