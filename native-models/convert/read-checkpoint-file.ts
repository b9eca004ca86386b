/**
 * A checkpoint's files through the one reader of outside files: a FIFO as a shard, config.json or
 * tokenizer.model, or a link to a /proc file, is refused in one line instead of hanging the
 * conversion (and, in the studio, the server: the converter reads synchronously).
 */
import path from 'node:path';
import { OUTSIDE_FILE_PROBLEM_TEXT } from '../files/outside-file-problem-text';
import { readOutsideFile, type OutsideFileRefusal } from '../files/read-outside-file';
import { openOutsideFileSync } from '../files/read-outside-file-sync';
import { checkpointCorrupt } from './checkpoint-errors';

/** The file's bytes, at most `maxBytes`, or null when there is no such file. */
export async function readCheckpointFile(file: string, maxBytes: number): Promise<Buffer | null> {
  const read = await readOutsideFile(file, maxBytes);
  if ('bytes' in read) return read.bytes;
  if (read.problem === 'missing') return null;
  throw refused(file, read);
}

/** An open descriptor of a weight file and its size; the caller closes it (closeSync). */
export function openWeightFile(file: string): { fd: number; size: number } {
  const opened = openOutsideFileSync(file);
  if ('fd' in opened) return opened;
  throw refused(file, opened);
}

function refused(file: string, refusal: OutsideFileRefusal): Error {
  const limit = refusal.problem === 'too-large' ? ' for a checkpoint file of its kind' : '';
  return checkpointCorrupt(`${path.basename(file)} ${OUTSIDE_FILE_PROBLEM_TEXT[refusal.problem]}${limit}.`, refusal.detail);
}
