import { timerDelay } from '../../../native-models/timer-delay';
import { ProjectError } from './project-error';

/** How long opening or saving a project may take before the writer is told it is stuck. */
const FILE_JOB_LIMIT_MS = 60_000;

/**
 * The job's outcome, or a `timed-out` ProjectError when it has not settled within `limitMs`
 * (a folder on a network share or a disk that stopped answering), or a `cancelled` one as soon
 * as `signal` aborts: the writer gets an answer and can try elsewhere. The job itself cannot be
 * stopped from here; its late result is dropped (callers clean up what it made).
 */
export async function withinTime<T>(job: Promise<T>, what: string, limitMs: number = FILE_JOB_LIMIT_MS, signal?: AbortSignal): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ProjectError(
            'timed-out',
            `${what} took longer than ${Math.round(limitMs / 1000)} seconds and was stopped. Is the folder on a disk or network share that is not answering?`,
          ),
        ),
      timerDelay(limitMs),
    );
    onAbort = () => reject(new ProjectError('cancelled', `${what} was stopped.`));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  job.catch(() => undefined);
  try {
    return await Promise.race([job, late]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
