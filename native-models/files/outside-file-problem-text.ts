import type { OutsideFileProblem } from './file-checks';

/** Why an outside file was not read, as the end of a writer-facing sentence ("The file …"). */
export const OUTSIDE_FILE_PROBLEM_TEXT: Record<OutsideFileProblem, string> = {
  missing: 'could not be found',
  'not-a-file': 'is not a plain file',
  'system-file': 'is a system file (such as one under /proc), not a document',
  'too-large': 'is too large',
  forbidden: 'may not be read (permissions)',
  unreadable: 'could not be read',
};
