import type { JobProgress, StudioApi, StudioEvent } from '@contract/studio-api';
import { jobTextArrived } from './job-text';
import { oncePerFrame } from './once-per-frame';
import { useStudio } from './studio-store';

/** Progress is shown, not logged: only the newest per job matters, once per frame. */
const progress = oncePerFrame<{ jobId: string; progress: JobProgress }>((updates) => {
  const latest: Record<string, JobProgress> = {};
  for (const update of updates) latest[update.jobId] = update.progress;
  useStudio.getState().jobProgressed(latest);
  const download = useStudio.getState().download;
  const downloaded = download && latest[download.jobId];
  if (download && downloaded?.kind === 'download') useStudio.setState({ download: { ...download, progress: downloaded.progress } });
});

/** One event pushed by the studio, into the store (and streamed text to whoever receives it). */
function applyStudioEvent(event: StudioEvent): void {
  switch (event.type) {
    case 'model-status':
      useStudio.getState().modelStatusChanged(event.status);
      return;
    case 'library-changed':
      useStudio.getState().libraryChanged(event.library);
      return;
    case 'studio-stopped':
      useStudio.setState({ studioStopped: true });
      return;
    case 'menu-command':
      // The desktop app's File menu: the page owns the document, so it saves; the rest is the File dialog.
      if (event.command === 'save') void useStudio.getState().saveDocument('save');
      else useStudio.getState().setProjectDialogOpen(true);
      return;
    case 'job-progress': {
      const update = event.progress;
      const text = update.kind === 'ask' ? update.textDelta : update.kind === 'compose' ? update.textDelta : null;
      if (text) jobTextArrived(event.jobId, text);
      progress.push({ jobId: event.jobId, progress: update });
      return;
    }
  }
}

/** For tests: hand over queued progress now instead of on the next frame. */
export function flushStudioProgress(): void {
  progress.flushNow();
}

export function listenToStudio(api: StudioApi): () => void {
  return api.onEvent(applyStudioEvent);
}
