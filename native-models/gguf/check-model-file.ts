/**
 * Checks that a model path is a readable, non-empty regular file. This runs before anything
 * else touches the path: one native binding crashes the process on a missing file, so no
 * path may reach a binding without passing here first.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { ModelError } from '../errors';
import { modelFileErrors } from './model-file-errors';

export interface ModelFileStat {
  path: string;
  size: number;
}

export async function checkModelFile(filePath: string): Promise<ModelFileStat> {
  if (typeof filePath !== 'string' || filePath.trim() === '') {
    throw modelFileErrors.missing(String(filePath || '(no file chosen)'), 'empty model path');
  }
  if (filePath.includes('\0')) throw modelFileErrors.missing(filePath, 'path contains a NUL byte');

  let info;
  try {
    info = await stat(filePath);
  } catch (error) {
    throw fileSystemError(filePath, error);
  }
  if (info.isDirectory()) {
    throw modelFileErrors.unreadable(filePath, `${filePath} is a directory`, 'It is a folder, not a model file.');
  }
  if (!info.isFile()) {
    throw modelFileErrors.unreadable(filePath, `${filePath} is not a regular file`, 'It is not a regular file.');
  }
  try {
    await access(filePath, constants.R_OK);
  } catch (error) {
    throw fileSystemError(filePath, error);
  }
  if (info.size === 0) throw modelFileErrors.empty(filePath);
  return { path: filePath, size: info.size };
}

/** Maps a Node file-system error on a model path to the typed error the UI shows. */
export function fileSystemError(filePath: string, error: unknown): ModelError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = `${filePath}: ${error instanceof Error ? error.message : String(error)}`;
  if (code === 'ENOENT' || code === 'ENOTDIR') return modelFileErrors.missing(filePath, detail);
  if (code === 'EACCES' || code === 'EPERM') {
    return modelFileErrors.unreadable(filePath, detail, 'You do not have permission to open it.');
  }
  return modelFileErrors.unreadable(filePath, detail);
}
