/**
 * One file downloaded from a Range-capable server on 127.0.0.1: resume after a dropped
 * connection fetches only the missing bytes, a wrong size or checksum is refused and removed,
 * a full disk and a cancel leave nothing posing as a model, and a complete file is not fetched again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError } from '../../../native-models/download/download-error';
import { downloadFile, type DownloadFileOptions, type FileProgress } from '../../../native-models/download/download-file';
import { openPartWriter } from '../../../native-models/download/part-writer';
import { formatBytes } from '../../../native-models/format/format-bytes';
import { startRangeServer, type RangeServer } from '../../helpers/range-server';
import { decoderBytes, tempDir } from './download-test-kit';

const DECODER = decoderBytes();
const SIZE = DECODER.length;
const HALF = 250_000;

let server: RangeServer;
let dir: string;
let destination: string;

beforeEach(async () => {
  server = await startRangeServer({ 'decoder.gguf': DECODER });
  dir = tempDir();
  destination = path.join(dir, 'model.gguf');
});
afterEach(async () => server.close());

const download = (options: Partial<DownloadFileOptions> = {}) =>
  downloadFile({ url: server.url('decoder.gguf'), destination, retries: 0, retryDelayMs: 10, ...options });

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const partOf = (file: string) => ({ part: existsSync(`${file}.part`), sidecar: existsSync(`${file}.part.json`), final: existsSync(file) });

describe('downloadFile', () => {
  it('downloads a whole file, reporting progress, and leaves no partial files', async () => {
    const events: FileProgress[] = [];
    const result = await download({ bytes: SIZE, sha256: sha256(DECODER), onProgress: (event) => events.push(event) });
    expect(result).toMatchObject({ path: destination, bytes: SIZE, alreadyPresent: false, fetchedBytes: SIZE });
    expect(readFileSync(destination).equals(DECODER)).toBe(true);
    expect(partOf(destination)).toEqual({ part: false, sidecar: false, final: true });
    expect(events.at(-1)).toEqual({ receivedBytes: SIZE, totalBytes: SIZE, fetchedBytes: SIZE });
    expect(server.bytesSent()).toBe(SIZE);
  });

  it('resumes a dropped connection without fetching the bytes it already has', async () => {
    server.dropNextAfter('decoder.gguf', HALF);
    const dropped = await failure(download());
    expect(dropped).toMatchObject({ code: 'network', resumable: true });
    expect(partOf(destination)).toEqual({ part: true, sidecar: true, final: false });
    expect(statSync(`${destination}.part`).size).toBe(HALF);

    const result = await download();
    expect(readFileSync(destination).equals(DECODER)).toBe(true);
    expect(result.fetchedBytes).toBe(SIZE - HALF);
    expect(server.requests.map((r) => [r.status, r.range])).toEqual([
      [200, undefined],
      [206, `bytes=${HALF}-`],
    ]);
    expect(server.bytesSent()).toBe(SIZE);
    expect(partOf(destination)).toEqual({ part: false, sidecar: false, final: true });
  });

  it('resumes by itself within one call when retries are allowed', async () => {
    server.dropNextAfter('decoder.gguf', HALF);
    const result = await download({ retries: 2 });
    expect(readFileSync(destination).equals(DECODER)).toBe(true);
    expect(result.fetchedBytes).toBe(SIZE);
    expect(server.requests).toHaveLength(2);
    expect(server.bytesSent()).toBe(SIZE);
  });

  it('starts afresh when the file changed on the server between attempts (never splices two versions)', async () => {
    server.dropNextAfter('decoder.gguf', HALF);
    await failure(download());
    const changed = Buffer.from(DECODER);
    changed.fill(7, 0, 1000);
    server.setFile('decoder.gguf', changed);

    await download();
    expect(readFileSync(destination).equals(changed)).toBe(true);
    expect(server.requests[1]).toMatchObject({ range: `bytes=${HALF}-`, status: 200 });
  });

  it('refuses a file of the wrong size and removes what it fetched', async () => {
    const error = await failure(download({ bytes: SIZE + 1 }));
    expect(error).toMatchObject({ code: 'size-mismatch', resumable: false });
    expect(error.message).toMatch(/was not kept/);
    expect(partOf(destination)).toEqual({ part: false, sidecar: false, final: false });
  });

  it('refuses a file with the wrong checksum and removes it', async () => {
    const error = await failure(download({ sha256: sha256(Buffer.from('another file')) }));
    expect(error).toMatchObject({ code: 'checksum-mismatch', resumable: false });
    expect(partOf(destination)).toEqual({ part: false, sidecar: false, final: false });
    expect(server.bytesSent()).toBe(SIZE);
  });

  it('stops on a full disk with a clear message, keeping nothing under the final name, and resumes later', async () => {
    const ROOM = 100_000;
    let written = 0;
    const error = await failure(
      download({
        openPartWriter: async (file, startAt) => {
          const writer = await openPartWriter(file, startAt);
          return {
            // Like a real disk: what fits is written, then the write fails.
            write: async (chunk) => {
              const room = Math.min(chunk.length, ROOM - written);
              await writer.write(chunk.subarray(0, room));
              written += room;
              if (room < chunk.length) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            },
            close: () => writer.close(),
          };
        },
      }),
    );
    expect(error).toMatchObject({ code: 'disk-full', resumable: true });
    expect(error.message).toMatch(/disk is full/);
    expect(partOf(destination)).toMatchObject({ part: true, final: false });
    const kept = statSync(`${destination}.part`).size;
    expect(kept).toBe(ROOM);

    await download();
    expect(readFileSync(destination).equals(DECODER)).toBe(true);
    expect(server.requests[1]?.range).toBe(`bytes=${kept}-`);
  });

  it('refuses to start when the disk has less room than the file needs', async () => {
    const error = await failure(download({ freeDiskBytes: async () => 1000 }));
    expect(error).toMatchObject({ code: 'disk-full' });
    expect(error.message).toBe(`Not enough disk space: model.gguf needs ${formatBytes(SIZE)} more, and ${formatBytes(1000)} is free.`);
    expect(partOf(destination)).toEqual({ part: false, sidecar: false, final: false });
  });

  it('cancel removes the partial file; pause keeps it and the next call fetches only the rest', async () => {
    server.setTrickle(16 * 1024, 15);
    const stopAfter = (controller: AbortController) => (event: FileProgress) => {
      if (event.receivedBytes >= 64 * 1024) controller.abort();
    };
    const cancel = new AbortController();
    const cancelled = await failure(download({ signal: cancel.signal, onAbort: 'remove', onProgress: stopAfter(cancel) }));
    expect(cancelled).toMatchObject({ code: 'cancelled', resumable: false });
    expect(partOf(destination)).toEqual({ part: false, sidecar: false, final: false });

    const pause = new AbortController();
    const paused = await failure(download({ signal: pause.signal, onProgress: stopAfter(pause) }));
    expect(paused).toMatchObject({ code: 'paused', resumable: true });
    expect(partOf(destination)).toEqual({ part: true, sidecar: true, final: false });
    const kept = statSync(`${destination}.part`).size;
    expect(kept).toBeGreaterThanOrEqual(64 * 1024);
    expect(kept).toBeLessThan(SIZE);

    server.setTrickle(0, 0);
    const before = server.requests.length;
    const result = await download();
    expect(readFileSync(destination).equals(DECODER)).toBe(true);
    expect(result.fetchedBytes).toBe(SIZE - kept);
    expect(server.requests[before]).toMatchObject({ range: `bytes=${kept}-`, status: 206, bytesSent: SIZE - kept });
  });

  it('recognises a complete file and does not fetch it again; replaces one of the wrong size', async () => {
    await download({ bytes: SIZE });
    const again = await download({ bytes: SIZE, sha256: sha256(DECODER) });
    expect(again).toMatchObject({ alreadyPresent: true, fetchedBytes: 0 });
    expect(server.requests).toHaveLength(1);

    writeFileSync(destination, DECODER.subarray(0, 1000));
    const replaced = await download({ bytes: SIZE });
    expect(replaced.alreadyPresent).toBe(false);
    expect(readFileSync(destination).equals(DECODER)).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('says at once when the host cannot be reached, instead of retrying behind "Starting the download" (issue 15)', async () => {
    const closed = await startRangeServer({});
    const url = closed.url('decoder.gguf');
    await closed.close();
    const started = Date.now();
    const error = await failure(downloadFile({ url, destination }));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error).toMatchObject({ code: 'network', resumable: true });
    expect(error.message).toMatch(/Could not reach 127\.0\.0\.1:\d+: this computer may be offline/);
  });

  it('says so when the server does not have the file', async () => {
    const error = await failure(downloadFile({ url: server.url('missing.gguf'), destination, retries: 0 }));
    expect(error).toMatchObject({ code: 'http', resumable: false });
    expect(error.message).toMatch(/does not have this file/);
    expect(partOf(destination)).toEqual({ part: false, sidecar: false, final: false });
  });
});
