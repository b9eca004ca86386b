import { fileSha256 } from './file-sha256';
import { fileSize } from './part-file';

export type PresentFile = { state: 'absent' } | { state: 'complete'; bytes: number } | { state: 'mismatch'; bytes: number };

/**
 * Whether the file under its final name is the expected one. Only complete, checked
 * downloads are ever renamed to a final name, so without an exact size or checksum to compare,
 * a non-empty file there counts as complete.
 */
export async function checkPresentFile(
  filePath: string,
  expected: { bytes?: number; sha256?: string },
  signal?: AbortSignal,
): Promise<PresentFile> {
  const bytes = await fileSize(filePath);
  if (bytes === undefined) return { state: 'absent' };
  if (bytes === 0 || (expected.bytes !== undefined && bytes !== expected.bytes)) return { state: 'mismatch', bytes };
  if (expected.sha256 !== undefined && (await fileSha256(filePath, signal)) !== expected.sha256) return { state: 'mismatch', bytes };
  return { state: 'complete', bytes };
}
