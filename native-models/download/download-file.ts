/**
 * Downloads one file with resume: bytes go to `NAME.part` (see part-file.ts) and the file
 * appears under its final name only once it is whole and matches the expected size and
 * checksum. A lost connection is resumed automatically a few times; a pause (abort) keeps the
 * partial file so a later call, even after a restart, fetches only what is missing.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeDiskBytes as statfsFreeBytes } from '../catalog/machine-resources';
import { formatBytes } from '../format/format-bytes';
import { DownloadError } from './download-error';
import { RestartFromZero, ifRangeValidator, planResponse, type ResponsePlan } from './download-response';
import { fileSha256 } from './file-sha256';
import { fileSize, partPath, readPartState, removePartial, sidecarPath, writeSidecar } from './part-file';
import { openPartWriter as openPartWriterOnDisk, type OpenPartWriter } from './part-writer';
import { checkPresentFile } from './present-file';
import { StallWatch } from './stall-watch';

export interface FileProgress {
  /** Bytes of the file on disk so far, resumed ones included. */
  receivedBytes: number;
  totalBytes?: number;
  /** Bytes fetched over the network by this call. */
  fetchedBytes: number;
}

export interface DownloadFileOptions {
  url: string;
  destination: string;
  /** Exact size, where confirmed: a file of another size is refused. */
  bytes?: number;
  /** Lower-case hex sha256, where confirmed. */
  sha256?: string;
  signal?: AbortSignal;
  /** What stopping through `signal` does with the partial file. @default 'keep' */
  onAbort?: 'keep' | 'remove';
  onProgress?: (progress: FileProgress) => void;
  /** Automatic resumes after a lost connection. @default 3 */
  retries?: number;
  /** Wait before the first automatic resume; doubled each time. @default 2000 */
  retryDelayMs?: number;
  /** A connection that delivers nothing for this long counts as lost. @default 60000 */
  stallTimeoutMs?: number;
  headers?: Record<string, string>;
  /** @default fs.statfs on the destination's folder */
  freeDiskBytes?: (dir: string) => Promise<number | undefined>;
  /** @default writes to disk; tests inject failures */
  openPartWriter?: OpenPartWriter;
}

export interface DownloadFileResult {
  path: string;
  bytes: number;
  /** The complete file was already there; nothing was fetched. */
  alreadyPresent: boolean;
  fetchedBytes: number;
}

const USER_AGENT = 'folio-studio (model download)';

export async function downloadFile(options: DownloadFileOptions): Promise<DownloadFileResult> {
  const { destination } = options;
  const present = await checkPresentFile(destination, options, options.signal);
  if (present.state === 'complete') return { path: destination, bytes: present.bytes, alreadyPresent: true, fetchedBytes: 0 };
  // A file of the wrong size or checksum under the final name would pose as the model.
  if (present.state === 'mismatch') await rm(destination, { force: true });
  await mkdir(path.dirname(destination), { recursive: true });

  const fetched = { bytes: 0 };
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptDownload(options, fetched);
    } catch (error) {
      const stopped = await settleFailure(error, options);
      // Offline, or the host unknown or refusing: retrying for 14 s behind "Starting the download…" only hid it.
      if (fetched.bytes === 0 && !(stopped instanceof RestartFromZero) && stopped.code === 'network' && cannotReach(error))
        throw unreachableError(options.url, error);
      const again = stopped instanceof RestartFromZero || (stopped.code === 'network' && stopped.resumable);
      if (!again || attempt >= retries) throw stopped instanceof RestartFromZero ? networkError(options.url, stopped) : stopped;
      if (!(stopped instanceof RestartFromZero)) {
        await sleep((options.retryDelayMs ?? 2000) * 2 ** attempt, undefined, options.signal ? { signal: options.signal } : {}).catch(
          () => undefined,
        );
        if (options.signal?.aborted) throw await settleFailure(options.signal.reason, options);
      }
    }
  }
}

async function attemptDownload(options: DownloadFileOptions, fetched: { bytes: number }): Promise<DownloadFileResult> {
  const { url, destination } = options;
  const state = await readPartState(destination, url);
  const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': USER_AGENT, ...options.headers };
  if (state && state.partBytes > 0) {
    headers.range = `bytes=${state.partBytes}-`;
    const validator = ifRangeValidator(state);
    if (validator) headers['if-range'] = validator;
  }
  const stall = new StallWatch(options.stallTimeoutMs ?? 60_000);
  const signal = options.signal ? AbortSignal.any([options.signal, stall.signal]) : stall.signal;
  try {
    const response = await fetch(url, { headers, signal, redirect: 'follow' });
    let plan: ReturnType<typeof planResponse>;
    try {
      plan = planResponse(response, state, url);
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      if (error instanceof RestartFromZero) await removePartial(destination);
      throw error;
    }
    if (plan.kind === 'complete') return await finish(options, plan.totalBytes, fetched);
    await beforeBody(options, plan, response);
    const received = await receiveBody(response, plan, options, stall, fetched);
    if (plan.totalBytes !== undefined && received < plan.totalBytes) {
      throw networkError(url, new Error(`the body ended at ${received} of ${plan.totalBytes} bytes`));
    }
    return await finish(options, received, fetched);
  } catch (error) {
    if (stall.fired && !(error instanceof DownloadError)) {
      throw networkError(url, new Error(`no data for ${(options.stallTimeoutMs ?? 60_000) / 1000} s`));
    }
    throw error;
  } finally {
    stall.stop();
  }
}

/** Size checks, the disk-space check and the sidecar, before the first byte is written. */
async function beforeBody(options: DownloadFileOptions, plan: ResponsePlan, response: Response): Promise<void> {
  const refuse = async (error: DownloadError): Promise<never> => {
    await response.body?.cancel().catch(() => undefined);
    throw error;
  };
  if (options.bytes !== undefined && plan.totalBytes !== undefined && plan.totalBytes !== options.bytes) {
    await removePartial(options.destination);
    await refuse(sizeMismatch(options, plan.totalBytes));
  }
  if (plan.totalBytes !== undefined) {
    const free = await (options.freeDiskBytes ?? statfsFreeBytes)(path.dirname(options.destination));
    const needed = plan.totalBytes - plan.startAt;
    if (free !== undefined && free < needed) {
      await refuse(
        new DownloadError(
          'disk-full',
          `Not enough disk space: ${path.basename(options.destination)} needs ${formatBytes(needed)} more, and ${formatBytes(free)} is free.`,
          {
            resumable: true,
            detail: `${path.dirname(options.destination)}: ${free} bytes free, ${needed} needed`,
          },
        ),
      );
    }
  }
  const { etag, lastModified, totalBytes } = plan;
  await writeSidecar(options.destination, {
    url: options.url,
    ...(totalBytes === undefined ? {} : { totalBytes }),
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  });
}

/** Streams the body into the partial file; returns the file's size afterwards. */
async function receiveBody(
  response: Response,
  plan: ResponsePlan,
  options: DownloadFileOptions,
  stall: StallWatch,
  fetched: { bytes: number },
): Promise<number> {
  if (!response.body) throw networkError(options.url, new Error('the response has no body'));
  const writer = await (options.openPartWriter ?? openPartWriterOnDisk)(partPath(options.destination), plan.startAt);
  let size = plan.startAt;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      stall.touch();
      if (plan.totalBytes !== undefined && size + chunk.length > plan.totalBytes) {
        throw new DownloadError(
          'size-mismatch',
          `The server sent more than the ${formatBytes(plan.totalBytes)} it announced for ${path.basename(options.destination)}.`,
          { resumable: false },
        );
      }
      try {
        await writer.write(chunk);
      } catch (error) {
        throw writeError(error, options.destination);
      }
      size += chunk.length;
      fetched.bytes += chunk.length;
      options.onProgress?.({
        receivedBytes: size,
        ...(plan.totalBytes === undefined ? {} : { totalBytes: plan.totalBytes }),
        fetchedBytes: fetched.bytes,
      });
    }
  } finally {
    await writer.close().catch(() => undefined);
  }
  return size;
}

/** Checks the whole partial file, then gives it its final name. */
async function finish(options: DownloadFileOptions, size: number, fetched: { bytes: number }): Promise<DownloadFileResult> {
  const part = partPath(options.destination);
  if (options.bytes !== undefined && size !== options.bytes) {
    await removePartial(options.destination);
    throw sizeMismatch(options, size);
  }
  if (options.sha256 !== undefined) {
    const actual = await fileSha256(part, options.signal);
    if (actual !== options.sha256) {
      await removePartial(options.destination);
      throw new DownloadError(
        'checksum-mismatch',
        `${path.basename(options.destination)} arrived damaged or is not the expected file (its checksum differs), so it was removed. Try the download again.`,
        {
          resumable: false,
          detail: `${options.url}: sha256 ${actual}, expected ${options.sha256}`,
        },
      );
    }
  }
  await rename(part, options.destination);
  await rm(sidecarPath(options.destination), { force: true });
  return {
    path: options.destination,
    bytes: (await fileSize(options.destination)) ?? size,
    alreadyPresent: false,
    fetchedBytes: fetched.bytes,
  };
}

/** Turns whatever stopped an attempt into a DownloadError, removing the partial file where that is asked for. */
async function settleFailure(error: unknown, options: DownloadFileOptions): Promise<DownloadError | RestartFromZero> {
  if (options.signal?.aborted && !(error instanceof DownloadError && !error.resumable)) {
    if (options.onAbort === 'remove') {
      await removePartial(options.destination);
      return new DownloadError('cancelled', 'Download cancelled.', { resumable: false });
    }
    return new DownloadError('paused', 'Download paused; it continues where it stopped next time.', { resumable: true });
  }
  if (error instanceof DownloadError && !error.resumable) await removePartial(options.destination);
  if (error instanceof DownloadError || error instanceof RestartFromZero) return error;
  return networkError(options.url, error);
}

/** Connection errors that mean the host cannot be reached at all (as opposed to a connection that dropped). */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

function cannotReach(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && UNREACHABLE.has(cause.code);
}

function unreachableError(url: string, cause: unknown): DownloadError {
  const host = new URL(url).host;
  return new DownloadError(
    'network',
    `Could not reach ${host}: this computer may be offline, or the server is down. Try again when connected; the download continues where it stopped.`,
    {
      resumable: true,
      detail: `${url}: ${(cause instanceof Error && (cause.cause as Error | undefined)?.message) || String(cause)}`,
    },
  );
}

function networkError(url: string, cause: unknown): DownloadError {
  const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
  return new DownloadError(
    'network',
    `The connection to ${new URL(url).host} was lost. Try again; the download continues where it stopped.`,
    {
      resumable: true,
      detail: `${url}: ${reason}`,
    },
  );
}

function sizeMismatch(options: DownloadFileOptions, actual: number): DownloadError {
  return new DownloadError(
    'size-mismatch',
    `${path.basename(options.destination)} is ${formatBytes(actual)} on the server, but ${formatBytes(options.bytes ?? 0)} was expected, so it was not kept. The catalog entry may be out of date.`,
    { resumable: false, detail: `${options.url}: ${actual} bytes, expected ${options.bytes}` },
  );
}

function writeError(error: unknown, destination: string): DownloadError {
  const code = (error as NodeJS.ErrnoException).code;
  const detail = `${partPath(destination)}: ${error instanceof Error ? error.message : String(error)}`;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new DownloadError('disk-full', `The disk is full. Free some space and try again; the download continues where it stopped.`, {
      resumable: true,
      detail,
    });
  }
  return new DownloadError('write-failed', `The model could not be saved in ${path.dirname(destination)} (${code ?? 'write error'}).`, {
    resumable: true,
    detail,
  });
}
