/**
 * Opens a model path through the one reader of outside files: a readable, non-empty plain file
 * (not a FIFO, a device or a /proc file). This runs before anything else touches the path: one
 * native binding crashes the process on a missing file, so no path may reach a binding without
 * passing here first. The header is then read on the handle this returns.
 */
import type { ModelError } from '../errors';
import { openOutsideFile, type OutsideFile, type OutsideFileRefusal } from '../files/read-outside-file';
import { modelFileErrors } from './model-file-errors';

export async function openModelFile(filePath: string): Promise<OutsideFile> {
  if (typeof filePath !== 'string' || filePath.trim() === '') {
    throw modelFileErrors.missing(String(filePath || '(no file chosen)'), 'empty model path');
  }
  if (filePath.includes('\0')) throw modelFileErrors.missing(filePath, 'path contains a NUL byte');
  const opened = await openOutsideFile(filePath);
  if (!('file' in opened)) throw refusalError(filePath, opened);
  if (opened.file.size === 0) {
    await opened.file.close();
    throw modelFileErrors.empty(filePath);
  }
  return opened.file;
}

/** The typed error the UI shows for a model path the reader refused. */
function refusalError(filePath: string, refusal: OutsideFileRefusal): ModelError {
  switch (refusal.problem) {
    case 'missing':
      return modelFileErrors.missing(filePath, refusal.detail);
    case 'forbidden':
      return modelFileErrors.unreadable(filePath, refusal.detail, 'You do not have permission to open it.');
    case 'not-a-file':
      return modelFileErrors.unreadable(
        filePath,
        refusal.detail,
        /folder/.test(refusal.detail) ? 'It is a folder, not a model file.' : 'It is not a regular file.',
      );
    case 'system-file':
      return modelFileErrors.unreadable(filePath, refusal.detail, 'It is a system file (such as one under /proc), not a model file.');
    default:
      return modelFileErrors.unreadable(filePath, refusal.detail);
  }
}
