/**
 * Why a download stopped, as a value the UI can show. `resumable` says whether the partial
 * file was kept, so that the next attempt continues where this one stopped.
 */
export type DownloadErrorCode =
  /** Connection lost, timed out, or the server failed (5xx): try again later. */
  | 'network'
  /** The server refused or does not have the file (4xx). */
  | 'http'
  /** The file on the server is not the size the catalog promises, or the transfer overran it. */
  | 'size-mismatch'
  | 'checksum-mismatch'
  | 'disk-full'
  | 'write-failed'
  /** Stopped by the writer; the partial file is kept for a later resume. */
  | 'paused'
  /** Stopped by the writer; the partial file was removed. */
  | 'cancelled'
  /** Another download of the same model is running (another window or `folio models pull`). */
  | 'busy';

export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
    readonly options: { resumable: boolean; detail?: string },
  ) {
    super(message);
  }

  get resumable(): boolean {
    return this.options.resumable;
  }

  get detail(): string | undefined {
    return this.options.detail;
  }
}
