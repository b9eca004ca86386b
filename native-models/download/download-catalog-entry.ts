/**
 * Downloads a catalog entry's decoder and projector at once into the models folder, with one
 * combined progress (bytes, speed, time left), a disk-space check before anything starts, and
 * validation of the finished pair before it is offered (the model layer's validateModelPair).
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { expectedBytes, catalogFileName, type CatalogEntry, type CatalogFile } from '../catalog/catalog-entry';
import { freeDiskBytes as statfsFreeBytes } from '../catalog/machine-resources';
import { entryPaths } from '../catalog/models-folder';
import { ModelError } from '../errors';
import { formatBytes } from '../format/format-bytes';
import { validateModelPair, type ValidatedModelPair } from '../gguf/validate-model';
import { DownloadError } from './download-error';
import { downloadFile, type DownloadFileOptions, type DownloadFileResult } from './download-file';
import { withDownloadLock } from './download-lock';
import { partialBytes, removePartial } from './part-file';
import { checkPresentFile } from './present-file';
import { TransferMeter } from './transfer-meter';

interface FileDownloadState {
  role: 'decoder' | 'projector';
  fileName: string;
  receivedBytes: number;
  totalBytes: number;
  done: boolean;
}

export interface EntryProgress {
  receivedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  secondsLeft?: number;
  files: FileDownloadState[];
}

export interface DownloadEntryOptions extends Pick<
  DownloadFileOptions,
  'retries' | 'retryDelayMs' | 'stallTimeoutMs' | 'headers' | 'freeDiskBytes' | 'openPartWriter'
> {
  modelsDir: string;
  signal?: AbortSignal;
  /** What stopping through `signal` does with the partial files. @default 'keep' (a pause) */
  onAbort?: 'keep' | 'remove';
  onProgress?: (progress: EntryProgress) => void;
  /** @default 250 */
  progressIntervalMs?: number;
}

export interface DownloadedEntry {
  entry: CatalogEntry;
  decoder: string;
  projector: string;
  /** Both files were already complete; nothing was fetched. */
  alreadyPresent: boolean;
  fetchedBytes: number;
  model: ValidatedModelPair;
}

export async function downloadCatalogEntry(entry: CatalogEntry, options: DownloadEntryOptions): Promise<DownloadedEntry> {
  const paths = entryPaths(options.modelsDir, entry);
  const dir = path.dirname(paths.decoder);
  await mkdir(dir, { recursive: true });
  return withDownloadLock(dir, async () => {
    const files: Array<{ role: FileDownloadState['role']; file: CatalogFile<unknown>; destination: string }> = [
      { role: 'decoder', file: entry.decoder, destination: paths.decoder },
      { role: 'projector', file: entry.projector, destination: paths.projector },
    ];
    await checkDiskSpace(files, dir, options);
    const results = await downloadBoth(files, options);
    const model = await validateDownloaded(paths);
    return {
      entry,
      ...paths,
      alreadyPresent: results.every((result) => result.alreadyPresent),
      fetchedBytes: results.reduce((sum, result) => sum + result.fetchedBytes, 0),
      model,
    };
  });
}

async function downloadBoth(
  files: Array<{ role: FileDownloadState['role']; file: CatalogFile<unknown>; destination: string }>,
  options: DownloadEntryOptions,
): Promise<DownloadFileResult[]> {
  // One failure stops the other file too (keeping its partial file for a later resume).
  const both = new AbortController();
  const stopBoth = (): void => both.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stopBoth, { once: true });
  const states: FileDownloadState[] = await Promise.all(
    files.map(async ({ role, file, destination }) => ({
      role,
      fileName: catalogFileName(file),
      receivedBytes: await partialBytes(destination),
      totalBytes: expectedBytes(file),
      done: false,
    })),
  );
  const report = progressReporter(states, options);
  const fetched = files.map(() => 0);
  const { retries, retryDelayMs, stallTimeoutMs, headers, freeDiskBytes, openPartWriter } = options;
  const passed = { retries, retryDelayMs, stallTimeoutMs, headers, freeDiskBytes, openPartWriter };
  try {
    const settled = await Promise.allSettled(
      files.map(async ({ file, destination }, index) => {
        const state = states[index] as FileDownloadState;
        try {
          const result = await downloadFile({
            ...(Object.fromEntries(Object.entries(passed).filter(([, value]) => value !== undefined)) as Partial<DownloadFileOptions>),
            url: file.url,
            destination,
            ...(file.bytes === undefined ? {} : { bytes: file.bytes }),
            ...(file.sha256 === undefined ? {} : { sha256: file.sha256 }),
            signal: both.signal,
            onAbort: 'keep',
            onProgress: (progress) => {
              state.receivedBytes = progress.receivedBytes;
              if (progress.totalBytes !== undefined) state.totalBytes = progress.totalBytes;
              fetched[index] = progress.fetchedBytes;
              report(fetched, false);
            },
          });
          Object.assign(state, { done: true, receivedBytes: result.bytes, totalBytes: result.bytes });
          report(fetched, true);
          return result;
        } catch (error) {
          both.abort();
          throw error;
        }
      }),
    );
    if (options.signal?.aborted) {
      if (options.onAbort !== 'remove')
        throw new DownloadError('paused', 'Download paused; it continues where it stopped next time.', { resumable: true });
      await Promise.all(files.map(({ destination }) => removePartial(destination)));
      throw new DownloadError('cancelled', 'Download cancelled.', { resumable: false });
    }
    const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    const cause = failures.find((error) => !(error instanceof DownloadError && error.code === 'paused')) ?? failures[0];
    if (cause !== undefined) throw cause;
    return settled.map((result) => (result as PromiseFulfilledResult<DownloadFileResult>).value);
  } finally {
    options.signal?.removeEventListener('abort', stopBoth);
  }
}

function progressReporter(states: FileDownloadState[], options: DownloadEntryOptions): (fetched: number[], force: boolean) => void {
  const meter = new TransferMeter();
  const interval = options.progressIntervalMs ?? 250;
  let last = -Infinity;
  return (fetched, force) => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (!force && now - last < interval) return;
    last = now;
    const receivedBytes = states.reduce((sum, state) => sum + state.receivedBytes, 0);
    const totalBytes = states.reduce((sum, state) => sum + state.totalBytes, 0);
    const rate = meter.sample(
      fetched.reduce((sum, bytes) => sum + bytes, 0),
      Math.max(0, totalBytes - receivedBytes),
    );
    options.onProgress({ receivedBytes, totalBytes, ...rate, files: states.map((state) => ({ ...state })) });
  };
}

/** Refuses before any request when the two files clearly cannot fit on the disk. */
async function checkDiskSpace(
  files: Array<{ file: CatalogFile<unknown>; destination: string }>,
  dir: string,
  options: DownloadEntryOptions,
): Promise<void> {
  let needed = 0;
  for (const { file, destination } of files) {
    const present = await checkPresentFile(destination, file.bytes === undefined ? {} : { bytes: file.bytes });
    if (present.state !== 'complete') needed += Math.max(0, expectedBytes(file) - (await partialBytes(destination)));
  }
  if (needed === 0) return;
  const free = await (options.freeDiskBytes ?? statfsFreeBytes)(dir);
  if (free !== undefined && free < needed) {
    throw new DownloadError(
      'disk-full',
      `Not enough disk space: this model needs about ${formatBytes(needed)}, and ${formatBytes(free)} is free in ${dir}.`,
      {
        resumable: true,
        detail: `${dir}: ${free} bytes free, about ${needed} needed`,
      },
    );
  }
}

/** A pair that the model layer refuses is removed, so it is never offered as a model. */
async function validateDownloaded(paths: { decoder: string; projector: string }): Promise<ValidatedModelPair> {
  try {
    return await validateModelPair(paths);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    await Promise.all([rm(paths.decoder, { force: true }), rm(paths.projector, { force: true })]);
    throw new ModelError(error.code, `The downloaded files are not a usable model, so they were removed. ${error.message}`, error.detail);
  }
}
