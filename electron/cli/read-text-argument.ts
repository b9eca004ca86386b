import { OUTSIDE_FILE_PROBLEM_TEXT } from '../../native-models/files/outside-file-problem-text';
import { readOutsideFile } from '../../native-models/files/read-outside-file';
import { UsageError } from '../studio/options/usage-error';

/**
 * A text file named on the command line (an outline, a document for context), through the one
 * reader of outside files: a FIFO, a device or a /proc file is refused at once, a file over
 * `maxBytes` before it is read. `what` names it in the error ("the outline").
 */
export async function readTextArgument(file: string, what: string, maxBytes: number): Promise<string> {
  const read = await readOutsideFile(file, maxBytes);
  if ('bytes' in read) return read.bytes.toString('utf8');
  if (read.problem === 'too-large') throw new UsageError(`${what} is too large (over ${Math.round(maxBytes / 1048576)} MB): ${file}`);
  throw new UsageError(`${what} ${OUTSIDE_FILE_PROBLEM_TEXT[read.problem]}: ${file}`);
}
