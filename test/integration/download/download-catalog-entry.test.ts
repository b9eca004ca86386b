/**
 * A catalog entry's decoder and projector downloaded together from 127.0.0.1 into a models
 * folder: both at once with one progress, a disk-space check before any request, validation
 * before the pair is offered, pause and cancel for the pair, and one download at a time.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../native-models/catalog/load-catalog';
import { entryPaths } from '../../../native-models/catalog/models-folder';
import { downloadCatalogEntry, type EntryProgress } from '../../../native-models/download/download-catalog-entry';
import { DownloadError } from '../../../native-models/download/download-error';
import { entryDownloadState } from '../../../native-models/download/entry-download-state';
import { ModelError } from '../../../native-models/errors';
import { formatBytes } from '../../../native-models/format/format-bytes';
import { fixture } from '../../helpers/fixture-paths';
import { startRangeServer, type RangeServer } from '../../helpers/range-server';
import { decoderBytes, projectorBytes, servedEntry, tempDir } from './download-test-kit';

const DECODER = decoderBytes();
const PROJECTOR = projectorBytes();
const TOTAL = DECODER.length + PROJECTOR.length;

let server: RangeServer;
let modelsDir: string;

beforeEach(async () => {
  server = await startRangeServer({
    'decoder.gguf': DECODER,
    'mmproj.gguf': PROJECTOR,
    'not-a-model.gguf': readFileSync(fixture('not-gguf.gguf')),
  });
  modelsDir = tempDir('folio-models-');
});
afterEach(async () => server.close());

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the download to fail'),
    (reason: unknown) => reason,
  );
}

describe('downloadCatalogEntry', () => {
  it('fetches decoder and projector at once, reports combined progress, and validates the pair', async () => {
    server.setTrickle(32 * 1024, 10);
    const entry = servedEntry(server.url);
    expect(() => parseCatalog({ version: 1, notes: [], entries: [entry] })).not.toThrow();
    const events: EntryProgress[] = [];
    const result = await downloadCatalogEntry(entry, { modelsDir, onProgress: (event) => events.push(event), progressIntervalMs: 0 });

    const paths = entryPaths(modelsDir, entry);
    expect(result).toMatchObject({ decoder: paths.decoder, projector: paths.projector, alreadyPresent: false, fetchedBytes: TOTAL });
    expect(readFileSync(paths.decoder).equals(DECODER)).toBe(true);
    expect(readFileSync(paths.projector).equals(PROJECTOR)).toBe(true);
    expect(result.model.decoder.architecture).toBe('internlm2');
    expect(result.model.projector?.projectorType).toBe('internvl');
    expect(server.maxConcurrent).toBe(2);
    expect(readdirSync(path.dirname(paths.decoder)).sort()).toEqual([path.basename(paths.decoder), path.basename(paths.projector)].sort());

    const last = events.at(-1);
    expect(last).toMatchObject({ receivedBytes: TOTAL, totalBytes: TOTAL });
    expect(last?.files.map((file) => [file.role, file.done])).toEqual([
      ['decoder', true],
      ['projector', true],
    ]);
    expect(events.some((event) => event.bytesPerSecond > 0 && event.secondsLeft !== undefined)).toBe(true);
    expect((await entryDownloadState(modelsDir, entry)).state).toBe('downloaded');
  });

  it('does not fetch an entry that is already downloaded', async () => {
    const entry = servedEntry(server.url);
    await downloadCatalogEntry(entry, { modelsDir });
    const requests = server.requests.length;
    const again = await downloadCatalogEntry(entry, { modelsDir });
    expect(again).toMatchObject({ alreadyPresent: true, fetchedBytes: 0 });
    expect(server.requests).toHaveLength(requests);
  });

  it('checks disk space before sending any request', async () => {
    const error = await rejection(downloadCatalogEntry(servedEntry(server.url), { modelsDir, freeDiskBytes: async () => 10_000 }));
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ code: 'disk-full' });
    expect((error as Error).message).toContain(`needs about ${formatBytes(TOTAL)}, and ${formatBytes(10_000)} is free`);
    expect(server.requests).toHaveLength(0);
  });

  it('removes a downloaded pair the model layer refuses, so it is never offered', async () => {
    const entry = servedEntry(server.url);
    entry.decoder.url = server.url('not-a-model.gguf');
    const error = await rejection(downloadCatalogEntry(entry, { modelsDir }));
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'not-gguf' });
    expect((error as Error).message).toMatch(/not a usable model, so they were removed/);
    const paths = entryPaths(modelsDir, entry);
    expect([existsSync(paths.decoder), existsSync(paths.projector)]).toEqual([false, false]);
  });

  it('a failure of one file stops the other and reports the cause', async () => {
    const entry = servedEntry(server.url, {});
    entry.projector.bytes = PROJECTOR.length + 5;
    server.setTrickle(16 * 1024, 5);
    const error = await rejection(downloadCatalogEntry(entry, { modelsDir, retries: 0 }));
    expect(error).toMatchObject({ code: 'size-mismatch' });
    const paths = entryPaths(modelsDir, entry);
    expect(existsSync(paths.decoder)).toBe(false);
    expect(existsSync(paths.projector)).toBe(false);
  });

  it('pause keeps both partial files and a later run fetches only the rest; cancel removes them', async () => {
    const entry = servedEntry(server.url);
    server.setTrickle(16 * 1024, 10);
    const pause = new AbortController();
    const paused = await rejection(
      downloadCatalogEntry(entry, {
        modelsDir,
        signal: pause.signal,
        progressIntervalMs: 0,
        onProgress: (e) => e.receivedBytes > 100_000 && pause.abort(),
      }),
    );
    expect(paused).toMatchObject({ code: 'paused', resumable: true });
    const state = await entryDownloadState(modelsDir, entry);
    expect(state.state).toBe('partial');
    expect(state.partialBytes).toBeGreaterThan(100_000);
    expect(existsSync(state.decoder)).toBe(false);

    server.setTrickle(0, 0);
    const before = server.requests.length;
    const resumed = await downloadCatalogEntry(entry, { modelsDir });
    expect(resumed.fetchedBytes).toBe(TOTAL - state.partialBytes);
    expect(server.requests.slice(before).every((request) => request.status === 206)).toBe(true);

    const other = servedEntry(server.url, { id: 'tiny-test-pair-2' });
    server.setTrickle(16 * 1024, 10);
    const cancel = new AbortController();
    const cancelled = await rejection(
      downloadCatalogEntry(other, {
        modelsDir,
        signal: cancel.signal,
        onAbort: 'remove',
        progressIntervalMs: 0,
        onProgress: (e) => e.receivedBytes > 50_000 && cancel.abort(),
      }),
    );
    expect(cancelled).toMatchObject({ code: 'cancelled' });
    expect(await entryDownloadState(modelsDir, other)).toMatchObject({ state: 'absent', partialBytes: 0 });
    expect(readdirSync(path.join(modelsDir, other.id))).toEqual([]);
  });

  it('refuses a second download of the same entry while one runs', async () => {
    server.setTrickle(16 * 1024, 10);
    const entry = servedEntry(server.url);
    const first = downloadCatalogEntry(entry, { modelsDir });
    // The lock is taken before the first request goes out.
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const error = await rejection(downloadCatalogEntry(entry, { modelsDir }));
    expect(error).toMatchObject({ code: 'busy' });
    server.setTrickle(0, 0);
    await expect(first).resolves.toMatchObject({ fetchedBytes: TOTAL });
  });
});
