/**
 * Why a benchmark run could not start or go on. `message` is one line a writer understands;
 * `detail` is for developers. Codes ending in the file's contents are bad input (CLI exit 2).
 */
export type EvalErrorCode =
  | 'file-missing'
  | 'not-a-tsv'
  | 'missing-columns'
  | 'bad-row'
  | 'answer-names-empty-option'
  | 'results-belong-elsewhere'
  | 'results-unreadable'
  /** --out (or a file beside it) is a link: results are written to plain files only. */
  | 'results-unwritable'
  | 'field-too-long';

export class EvalError extends Error {
  override readonly name = 'EvalError';
  constructor(
    readonly code: EvalErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}
