/**
 * New with an empty title twice (issue 23, minor; the File dialog sends "Untitled" then): the second failed with "A project with this
 * name already exists: …/Untitled.folio". It is "Untitled 2" now, as Import numbers its copies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { connectStudio, type TestStudioClient } from '../../helpers/studio-client';

let dataDir = '';
let service: StudioService;
let server: RunningStudioServer;
let studio: TestStudioClient;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'folio-new-untitled-'));
  service = await StudioService.create({
    dataDir,
    shell: 'browser',
    demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
    modelsDir: path.join(dataDir, 'models'),
    loadConfiguredModel: false,
  });
  server = await startStudioServer({ service });
  studio = await connectStudio(server.baseUrl, server.token);
});
afterAll(async () => {
  studio?.close();
  await server?.close();
  await service?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('New without a title', () => {
  it('makes Untitled, then Untitled 2 and Untitled 3, never failing on the name', async () => {
    const made: string[] = [];
    for (const title of ['Untitled', ' ', 'Untitled']) {
      const { project } = await studio.call('newProject', { title });
      made.push(path.basename(project.dir));
    }
    expect(made).toEqual(['Untitled.folio', 'Untitled 2.folio', 'Untitled 3.folio']);
  });

  it('still refuses a named project whose folder is taken (the writer chose that name)', async () => {
    await studio.call('newProject', { title: 'Harbour' });
    await expect(studio.call('newProject', { title: 'Harbour' })).rejects.toThrow(/already exists/);
  });
});
