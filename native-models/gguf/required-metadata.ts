/**
 * Reads metadata a model cannot work without; a missing or non-numeric value means the file
 * was converted wrongly or damaged, which the writer hears as "damaged file".
 */
import type { GgufHeader } from './gguf-reader';
import { metaNumberOrMax } from './gguf-metadata';
import { modelFileErrors } from './model-file-errors';

export function requirePositive(header: GgufHeader, key: string): number {
  const value = metaNumberOrMax(header.metadata, key);
  if (value === undefined || !(value > 0)) {
    throw modelFileErrors.corrupt(
      header.path,
      `${header.path}: required metadata ${key} is missing or not positive (${String(header.metadata.get(key))})`,
    );
  }
  return value;
}

export function optionalPositive(header: GgufHeader, key: string): number | undefined {
  const value = metaNumberOrMax(header.metadata, key);
  return value !== undefined && value > 0 ? value : undefined;
}
