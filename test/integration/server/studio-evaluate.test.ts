/**
 * The Evaluate panel's call through the headless server's WebSocket and the real engine on the
 * tiny models: progress events, cancel (the answers kept), the same request continuing, the
 * table beside the paper's number, and a bad file refused in words.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { MMBENCH_COLUMNS, mmbenchRows, writeTsv } from '../../fixtures/benchmark-tsv';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { connectStudio, type TestStudioClient } from '../../helpers/studio-client';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-studio-eval-'));
let service: StudioService;
let server: RunningStudioServer;
let studio: TestStudioClient;
let benchmark = '';

beforeAll(async () => {
  benchmark = writeTsv(
    path.join(dataDir, 'MMBench_DEV_EN_small.tsv'),
    [...MMBENCH_COLUMNS],
    mmbenchRows(
      Array.from({ length: 6 }, (_, index) => ({
        index: index + 1,
        options: ['left', 'right', 'up', 'down'],
        answer: index % 4,
        category: index % 2 ? 'odd' : 'even',
        picture: index,
      })),
    ),
  );
  service = await StudioService.create({
    dataDir,
    shell: 'browser',
    demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
    modelsDir: path.join(dataDir, 'models'),
    contextSize: 4096,
  });
  server = await startStudioServer({ service });
  studio = await connectStudio(server.baseUrl, server.token);
  await studio.call('loadModel', { source: { kind: 'demo' } });
}, 120_000);
afterAll(async () => {
  studio.close();
  await server.close();
  await service.close();
});

const progressOf = (jobId: string) =>
  studio.events.flatMap((event) =>
    event.type === 'job-progress' && event.jobId === jobId && event.progress.kind === 'evaluate' ? [event.progress] : [],
  );

describe('evaluateModel', () => {
  it('refuses bad params and bad files with a typed error', async () => {
    await expect(studio.raw('evaluateModel', { jobId: 'e0', benchmarkPath: benchmark, circular: 'yes' })).rejects.toMatchObject({
      payload: { code: 'invalid-request' },
    });
    const notTsv = path.join(dataDir, 'notes.tsv');
    writeFileSync(notTsv, 'just words\n');
    await expect(studio.call('evaluateModel', { jobId: 'e1', benchmarkPath: notTsv, circular: null })).rejects.toMatchObject({
      payload: { code: 'not-a-tsv', message: expect.stringMatching(/not a benchmark TSV/) },
    });
  });

  it('runs with progress, stops on cancel keeping the answers, and the same request continues', async () => {
    const first = studio.call('evaluateModel', { jobId: 'eval-1', benchmarkPath: benchmark, circular: null });
    // Cancel once a few questions are answered.
    for (let waited = 0; progressOf('eval-1').filter((progress) => progress.done > 0).length < 3 && waited < 60_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await studio.call('cancelJob', { jobId: 'eval-1' });
    const cancelled = await first;
    expect(cancelled).toMatchObject({ cancelled: true, table: null, items: 6 });
    const doneBefore = Math.max(...progressOf('eval-1').map((progress) => progress.done));
    expect(doneBefore).toBeGreaterThan(0);
    expect(doneBefore).toBeLessThan(24);

    const finished = await studio.call('evaluateModel', { jobId: 'eval-2', benchmarkPath: benchmark, circular: null });
    expect(finished).toMatchObject({
      cancelled: false,
      items: 6,
      scored: 6,
      paperPercent: 79.6,
      resultsPath: expect.stringContaining(path.join(dataDir, 'evaluations')),
    });
    expect(finished.table).toMatch(/\(circular\)[\s\S]*\| Overall \| 6 \|[^\n]*\| 79\.6 \|/);
    const resumed = progressOf('eval-2');
    expect(resumed[0]).toMatchObject({ total: 24 });
    expect(resumed[0]?.done).toBeGreaterThanOrEqual(doneBefore);
    expect(resumed.at(-1)).toMatchObject({ done: 24, total: 24 });
  }, 180_000);
});
