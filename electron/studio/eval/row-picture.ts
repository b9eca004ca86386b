/**
 * A row's picture, through the same checks as every picture the model sees (prepareImage: size,
 * header, full decode, re-encode). A picture that fails is that question's skip reason; the run
 * goes on.
 */
import path from 'node:path';
import { LibraryError } from '../library/library-error';
import { prepareImage } from '../library/prepare-image';
import { readRow, type RowPicture } from './benchmark-row';
import type { SkipReason } from './model-answerer';
import type { BenchmarkScan } from './scan-benchmark';
import { readRecordAt } from './tsv-records';

export type RowPictureResult = { picture: { bytes: Buffer; mimeType: string } } | { skipped: SkipReason; note: string };

export async function loadRowPicture(picture: RowPicture, scan: BenchmarkScan): Promise<RowPictureResult> {
  if (picture.kind === 'several') return { skipped: 'several-pictures', note: 'Questions with several pictures are not asked' };
  const source = await pictureSource(picture, scan);
  if ('skipped' in source) return source;
  try {
    const prepared = await prepareImage(source);
    return { picture: { bytes: prepared.bytes, mimeType: prepared.mimeType } };
  } catch (error) {
    if (error instanceof LibraryError) return { skipped: 'not-a-picture', note: error.message };
    throw error;
  }
}

async function pictureSource(
  picture: Exclude<RowPicture, { kind: 'several' }>,
  scan: BenchmarkScan,
): Promise<{ path: string } | { bytes: Uint8Array } | { skipped: SkipReason; note: string }> {
  if (picture.kind === 'path') return { path: path.resolve(path.dirname(scan.file), picture.path) };
  if (picture.kind === 'base64') return { bytes: Buffer.from(picture.data, 'base64') };
  // MMBench's rotations name the row that holds their picture.
  const offset = scan.offsetOf.get(picture.index);
  const fields = offset === undefined ? undefined : await readRecordAt(scan.file, offset);
  if (!fields) return { skipped: 'picture-missing', note: `The picture is that of row ${picture.index}, which is not in the file` };
  const shared = readRow(fields, scan.columns, 0, scan.file).picture;
  if (!shared || shared.kind === 'same-as' || shared.kind === 'several')
    return { skipped: 'picture-missing', note: `Row ${picture.index} holds no picture of its own` };
  return pictureSource(shared, scan);
}
