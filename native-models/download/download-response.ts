/**
 * Reads what the server answered to a (possibly ranged) request: where the body starts in
 * the file, the file's total size and its validators. A resume is honoured only when the
 * server answers 206 for exactly the bytes asked and the same total as before; anything else
 * starts the file afresh, so two versions of a file are never spliced together.
 */
import { DownloadError } from './download-error';
import type { PartState } from './part-file';

export interface ResponsePlan {
  kind: 'body';
  /** Where the body's first byte goes in the file. */
  startAt: number;
  totalBytes?: number;
  etag?: string;
  lastModified?: string;
}

/** The partial file already holds the whole file (the server answered 416 to the next range). */
export interface CompletePlan {
  kind: 'complete';
  totalBytes: number;
}

/** The partial file cannot be continued: remove it and ask for the whole file. */
export class RestartFromZero extends Error {
  override readonly name = 'RestartFromZero';
}

export function planResponse(response: Response, state: PartState | undefined, url: string): ResponsePlan | CompletePlan {
  const validators = {
    ...headerValue(response, 'etag', 'etag'),
    ...headerValue(response, 'last-modified', 'lastModified'),
  };
  if (response.status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
    const start = range ? Number(range[1]) : NaN;
    const total = range && range[3] !== '*' ? Number(range[3]) : undefined;
    if (!state || start !== state.partBytes || (state.totalBytes !== undefined && total !== state.totalBytes)) {
      throw new RestartFromZero(
        `unexpected Content-Range ${response.headers.get('content-range')} for ${state?.partBytes ?? 0} bytes held`,
      );
    }
    return { kind: 'body', startAt: start, ...(total === undefined ? {} : { totalBytes: total }), ...validators };
  }
  if (response.status === 200) {
    const length = response.headers.get('content-length');
    const total = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
    return { kind: 'body', startAt: 0, ...(total === undefined ? {} : { totalBytes: total }), ...validators };
  }
  if (response.status === 416 && state?.totalBytes !== undefined && state.partBytes === state.totalBytes) {
    return { kind: 'complete', totalBytes: state.totalBytes };
  }
  if (response.status === 416) throw new RestartFromZero('416 for a partial file that is not complete');
  throw statusError(response.status, url);
}

function statusError(status: number, url: string): DownloadError {
  const host = new URL(url).host;
  if (status === 429 || status >= 500) {
    return new DownloadError(
      'network',
      `The download server (${host}) is busy or failing (HTTP ${status}). Try again later; the download continues where it stopped.`,
      {
        resumable: true,
        detail: `${url}: HTTP ${status}`,
      },
    );
  }
  const what =
    status === 404
      ? 'does not have this file (it may have been moved or renamed)'
      : status === 401 || status === 403
        ? 'refused the download (the model may need you to accept its license on the website first)'
        : `answered HTTP ${status}`;
  return new DownloadError('http', `The download server (${host}) ${what}.`, { resumable: false, detail: `${url}: HTTP ${status}` });
}

function headerValue<K extends string>(response: Response, name: string, key: K): Partial<Record<K, string>> {
  const value = response.headers.get(name);
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** The If-Range validator: a strong ETag, else Last-Modified (weak ETags are not allowed there). */
export function ifRangeValidator(state: Pick<PartState, 'etag' | 'lastModified'>): string | undefined {
  if (state.etag && !state.etag.startsWith('W/')) return state.etag;
  return state.lastModified;
}
