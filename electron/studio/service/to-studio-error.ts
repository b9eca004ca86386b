import { ModelError } from '../../../native-models/errors';
import { CatalogError } from '../../../native-models/catalog/load-catalog';
import { DownloadError } from '../../../native-models/download/download-error';
import { ProjectError } from '../documents/project-error';
import { ExportError } from '../export/export-error';
import { LibraryError } from '../library/library-error';
import type { StudioError } from '../../contract/studio-api';

/** A request the service refused or that failed: `payload` is what the UI shows. */
export class StudioRequestError extends Error {
  constructor(readonly payload: StudioError) {
    super(payload.message);
    this.name = 'StudioRequestError';
  }
}

export function studioError(code: string, message: string, detail?: string): StudioRequestError {
  return new StudioRequestError({ code, message, ...(detail ? { detail } : {}) });
}

/** Any failure as the UI shows it: typed errors keep their code and words; others say what went wrong. */
export function toStudioError(error: unknown): StudioError {
  if (error instanceof StudioRequestError) return error.payload;
  if (error instanceof ModelError || error instanceof ProjectError || error instanceof LibraryError || error instanceof ExportError) {
    return { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
  }
  if (error instanceof DownloadError)
    return { code: error.code, message: error.message, ...(error.options.detail ? { detail: error.options.detail } : {}) };
  if (error instanceof CatalogError) return { code: 'catalog-invalid', message: error.message };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { code: 'internal', message: 'Something went wrong inside the studio. Your work is unchanged.', detail };
}
