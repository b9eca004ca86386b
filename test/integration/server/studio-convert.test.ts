/**
 * "Convert a downloaded model" through the Studio API: the tiny XComposer2 checkpoint converted
 * into the models folder with progress, then loaded like any files (its projector and adapter
 * come along); a cancelled conversion leaves nothing; a folder that is not a checkpoint is one
 * clear error.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import { fixture, TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { connectStudio, type TestStudioClient } from '../../helpers/studio-client';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-studio-convert-'));
const modelsDir = path.join(dataDir, 'models');
const checkpoint = fixture('xcomposer2/tiny-bin');
let service: StudioService;
let server: RunningStudioServer;
let studio: TestStudioClient;
const llamaServer = await findLlamaServerBinary();

beforeAll(async () => {
  service = await StudioService.create({
    dataDir,
    shell: 'browser',
    demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
    modelsDir,
    contextSize: 2048,
  });
  server = await startStudioServer({ service });
  studio = await connectStudio(server.baseUrl, server.token);
});
afterAll(async () => {
  studio.close();
  await server.close();
  await service.close();
});

describe('converting a downloaded model in the studio', () => {
  it('offers XComposer2 for conversion, never for download', async () => {
    const setup = await studio.call('modelSetup');
    expect(setup.conversions.map((choice) => choice.checkpoint)).toEqual([
      'internlm/internlm-xcomposer2-vl-7b',
      'internlm/internlm-xcomposer2-7b',
    ]);
    expect(setup.choices.some((choice) => /xcomposer/i.test(choice.id))).toBe(false);
  });

  it('refuses a folder that is not a checkpoint, and a relative path', async () => {
    await expect(studio.call('convertModel', { jobId: 'bad', checkpointDir: dataDir, type: 'q8_0' })).rejects.toMatchObject({
      payload: { code: 'not-a-checkpoint' },
    });
    await expect(studio.call('convertModel', { jobId: 'rel', checkpointDir: 'tiny-bin', type: 'q8_0' })).rejects.toMatchObject({
      payload: { code: 'path-not-absolute' },
    });
  });

  it('stops when cancelled and leaves nothing behind', async () => {
    const running = studio.call('convertModel', { jobId: 'stop', checkpointDir: checkpoint, type: 'f16' });
    await studio.call('cancelJob', { jobId: 'stop' });
    await expect(running).resolves.toMatchObject({ cancelled: true, outDir: null });
    expect(existsSync(path.join(modelsDir, 'converted')) ? readdirSync(path.join(modelsDir, 'converted')) : []).toEqual([]);
  });

  it.skipIf(!llamaServer)('converts with progress and loads the result with its adapter', async () => {
    const converted = await studio.call('convertModel', { jobId: 'convert', checkpointDir: checkpoint, type: 'q8_0' });
    const progress = studio.events.flatMap((event) =>
      event.type === 'job-progress' && event.jobId === 'convert' && event.progress.kind === 'convert' ? [event.progress.step] : [],
    );
    expect(converted).toMatchObject({ cancelled: false, outDir: path.join(modelsDir, 'converted', 'tiny-bin-q8_0') });
    expect(new Set(progress)).toEqual(new Set(['decoder', 'adapter', 'projector']));
    const status = await studio.call('loadModel', { source: { kind: 'files', decoder: converted.decoder as string, projector: null } });
    expect(status).toMatchObject({ state: 'ready', vision: true, pictureAdapter: true, engine: 'llama-server' });
    expect(status.fullPrecision).toBeUndefined();
    // Checking a conversion against a reference: float32 KV cache, no flash attention.
    const exact = await studio.call('loadModel', {
      source: { kind: 'files', decoder: converted.decoder as string, projector: null },
      fullPrecision: true,
    });
    expect(exact).toMatchObject({ state: 'ready', pictureAdapter: true, fullPrecision: true });
    const again = await studio.call('convertModel', { jobId: 'again', checkpointDir: checkpoint, type: 'q8_0' });
    expect(again.outDir).toBe(path.join(modelsDir, 'converted', 'tiny-bin-q8_0-2'));
  });
});
