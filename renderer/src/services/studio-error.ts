import type { StudioError } from '@contract/studio-api';

/** Any rejection as an error the writer can read; never a stack. */
export function toStudioError(error: unknown): StudioError {
  if (error && typeof error === 'object') {
    const { code, message, detail } = error as Partial<StudioError>;
    if (typeof message === 'string' && message) {
      return { code: typeof code === 'string' ? code : 'unexpected', message, ...(typeof detail === 'string' ? { detail } : {}) };
    }
  }
  return { code: 'unexpected', message: 'Something went wrong.', detail: String(error) };
}

/** Runs a studio call; a failure rejects with a plain StudioError. */
export async function callStudio<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toStudioError(error);
  }
}
