/**
 * How a command-line program (folio, npm run serve) reports what stopped it: one line on
 * stderr (detail with --verbose) and an exit code: 2 for bad input, 1 otherwise, 130 when cancelled.
 */
import { ModelError } from '../../../native-models/errors';
import { ProjectError } from '../documents/project-error';
import { ExportError } from '../export/export-error';
import { LibraryError } from '../library/library-error';
import { UsageError } from './usage-error';

// Errors caused by what the user handed us (files, arguments), as opposed to failures while running.
const BAD_INPUT_CODES = new Set([
  'file-missing',
  'file-unreadable',
  'file-empty',
  'not-gguf',
  'unsupported-gguf-version',
  'file-truncated',
  'file-corrupt',
  'unknown-architecture',
  'not-a-decoder',
  'not-a-projector',
  'unknown-projector-type',
  'projector-mismatch',
  'adapter-mismatch',
  'does-not-fit',
  'not-a-checkpoint',
  'checkpoint-corrupt',
  'checkpoint-unsafe',
  'images-not-supported',
  'image-unreadable',
  'prompt-too-long',
  'invalid-request',
  'backend-unavailable',
]);

// Project, export and library errors that are not about what the user handed us.
const FAILED_WHILE_RUNNING = new Set(['write-failed', 'timed-out', 'render-failed', 'chromium-missing', 'database-unavailable']);

/** Prints one line (plus detail with --verbose) and returns the exit code: 2 for bad input, 1 otherwise. */
export function reportFailure(error: unknown, verbose: boolean): number {
  if (error instanceof UsageError) {
    process.stderr.write(`folio: ${error.message}\n`);
    return 2;
  }
  if (error instanceof ModelError) {
    process.stderr.write(`folio: ${error.message}\n`);
    if (verbose && error.detail) process.stderr.write(`${error.detail}\n`);
    if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
    if (error.code === 'aborted') return 130;
    return BAD_INPUT_CODES.has(error.code) ? 2 : 1;
  }
  if (error instanceof ProjectError || error instanceof ExportError || error instanceof LibraryError) {
    // Typed errors of the studio's own layers carry a message meant for the writer.
    process.stderr.write(`folio: ${error.message}\n`);
    if (verbose && error.detail) process.stderr.write(`${error.detail}\n`);
    if (error.code === 'aborted') return 130;
    return FAILED_WHILE_RUNNING.has(error.code) ? 1 : 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`folio: unexpected error: ${message}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}
