/** Why an export failed. `message` is for the writer; `detail` for developers and logs. */
export type ExportErrorCode = 'unsupported-format' | 'chromium-missing' | 'render-failed' | 'write-failed' | 'aborted' | 'timed-out';

export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    readonly code: ExportErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}
