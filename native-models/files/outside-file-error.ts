import type { OutsideFileProblem, OutsideFileRefusal } from './file-checks';

/** A refusal of the reader of outside files, thrown by the callers that stream (their callers word it). */
export class OutsideFileError extends Error {
  override readonly name = 'OutsideFileError';
  readonly problem: OutsideFileProblem;
  readonly detail: string;
  constructor(refusal: OutsideFileRefusal) {
    super(refusal.detail);
    this.problem = refusal.problem;
    this.detail = refusal.detail;
  }
}
