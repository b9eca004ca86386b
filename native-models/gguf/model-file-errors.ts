/**
 * The `ModelError`s a model file can cause, worded for the writer using Folio. Every message
 * names the file (its base name: a full path is noise in a dialog); `detail` carries what a
 * developer needs (full path, offsets, raw values).
 */
import path from 'node:path';
import { ModelError } from '../errors';

const name = (filePath: string): string => path.basename(filePath);

export const modelFileErrors = {
  missing: (filePath: string, detail?: string) =>
    new ModelError('file-missing', `The model file could not be found: ${name(filePath)}`, detail ?? filePath),

  unreadable: (filePath: string, detail: string, reason = 'Check that it still exists and that you are allowed to open it.') =>
    new ModelError('file-unreadable', `Folio cannot open the model file ${name(filePath)}. ${reason}`, detail),

  empty: (filePath: string) =>
    new ModelError(
      'file-empty',
      `The model file is empty (0 bytes): ${name(filePath)}. It may be an interrupted download; download it again.`,
      filePath,
    ),

  /** `detail` and `looksLike` name the kind of file, never its bytes (see sniff-file-kind.ts). */
  notGguf: (filePath: string, detail: string, looksLike: string) =>
    new ModelError('not-gguf', `This file is not a GGUF model: ${name(filePath)} (it looks like ${looksLike})`, detail),

  unsupportedVersion: (filePath: string, version: string, detail: string) =>
    new ModelError(
      'unsupported-gguf-version',
      `This model file uses GGUF ${version}, which Folio cannot read: ${name(filePath)}. Look for a newer conversion of the model.`,
      detail,
    ),

  truncated: (filePath: string, detail: string) =>
    new ModelError(
      'file-truncated',
      `The model file is incomplete (it ends too early): ${name(filePath)}. It may be an interrupted download; download it again.`,
      detail,
    ),

  corrupt: (filePath: string, detail: string) =>
    new ModelError('file-corrupt', `The model file is damaged and cannot be used: ${name(filePath)}. Download it again.`, detail),
};
