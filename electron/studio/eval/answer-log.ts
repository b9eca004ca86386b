/**
 * The answers of a run, one JSON line each, appended as they come: a run stopped at any point
 * (Ctrl-C, a crash, a kill) has lost at most the question in flight, and the same command
 * continues from the log. The first line names the run, so a log is never continued by a
 * different model or different settings. A write reaches the operating system before the next
 * question starts, which is enough to survive the process being killed (not a power cut).
 */
import { constants } from 'node:fs';
import { open, truncate } from 'node:fs/promises';
import { OUTSIDE_FILE_PROBLEM_TEXT } from '../../../native-models/files/outside-file-problem-text';
import { readOutsideFile } from '../../../native-models/files/read-outside-file';
import { EvalError } from './eval-error';
import type { SkipReason } from './model-answerer';

/** A run of every MMBench question logs about 1 MB; more is not an answer log. */
const MAX_LOG_BYTES = 256 * 1024 * 1024;

/**
 * Appending never through a link put there after the check (O_NOFOLLOW) and without blocking: a
 * FIFO with no reader in the log's place is refused (ENXIO) instead of holding the open for ever.
 * Windows has neither flag (nor FIFOs in the file system).
 */
const APPEND_FLAGS =
  constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export interface AnswerRecord {
  id: number;
  item: number;
  expected: string;
  letter?: string;
  skipped?: SkipReason;
  note?: string;
  /** How long the model took to answer, in milliseconds. */
  ms?: number;
}

export interface AnswerLog {
  done: Map<number, AnswerRecord>;
  append(record: AnswerRecord): Promise<void>;
  close(): Promise<void>;
}

/** `run` is what must match for a log to be continued (file, model, settings). */
export async function openAnswerLog(logPath: string, run: Record<string, unknown>): Promise<AnswerLog> {
  const done = new Map<number, AnswerRecord>();
  const existing = await readExistingLog(logPath);
  const runLine = JSON.stringify({ run });
  if (existing !== undefined && existing.length > 0) {
    // A line cut short by a kill is dropped, and the file cut back so the next line starts clean.
    const complete = existing.slice(0, existing.lastIndexOf('\n') + 1);
    const [first, ...lines] = complete.split('\n').filter((line) => line.length > 0);
    if (first !== runLine)
      throw new EvalError(
        'results-belong-elsewhere',
        `${logPath} holds answers of another run (a different benchmark, model or settings); choose another --out or remove it`,
        `expected ${runLine}\nfound ${first ?? '(nothing)'}`,
      );
    for (const line of lines) {
      const record = parseRecord(line);
      if (record) done.set(record.id, record);
    }
    if (complete !== existing) await truncate(logPath, Buffer.byteLength(complete));
  }
  const handle = await open(logPath, APPEND_FLAGS, 0o644).catch((error: NodeJS.ErrnoException) => {
    throw new EvalError('results-unreadable', `The answers could not be written: ${logPath}`, error.message);
  });
  if (existing === undefined || existing.length === 0) await handle.write(`${runLine}\n`);
  return {
    done,
    async append(record) {
      await handle.write(`${JSON.stringify(record)}\n`);
      done.set(record.id, record);
    },
    close: () => handle.close(),
  };
}

/** The log so far, through the one reader of outside files (a FIFO or a /proc file is refused at once); undefined when there is none. */
async function readExistingLog(logPath: string): Promise<string | undefined> {
  const read = await readOutsideFile(logPath, MAX_LOG_BYTES);
  if ('bytes' in read) return read.bytes.toString('utf8');
  if (read.problem === 'missing') return undefined;
  throw new EvalError(
    'results-unreadable',
    `The answers so far could not be read: ${logPath} ${OUTSIDE_FILE_PROBLEM_TEXT[read.problem]}`,
    read.detail,
  );
}

function parseRecord(line: string): AnswerRecord | undefined {
  try {
    const value = JSON.parse(line) as Partial<AnswerRecord>;
    return typeof value.id === 'number' && typeof value.item === 'number' && typeof value.expected === 'string'
      ? (value as AnswerRecord)
      : undefined;
  } catch {
    return undefined;
  }
}
