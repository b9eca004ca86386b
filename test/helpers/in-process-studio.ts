/**
 * The real service and server in the test's own process, with the tiny demo pair and no model
 * loaded, and a connected client: for tests of the Studio API that need no editor page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startStudioServer, type RunningStudioServer } from '../../electron/server/studio-server';
import { StudioService } from '../../electron/studio/service/studio-service';
import { TINY_DECODER, TINY_PROJECTOR } from './fixture-paths';
import { connectStudio, type TestStudioClient } from './studio-client';

export interface InProcessStudio {
  dataDir: string;
  service: StudioService;
  server: RunningStudioServer;
  studio: TestStudioClient;
  /** Closes the server and the service and starts them again on the same data folder, as the next start of the app. */
  restart(): Promise<void>;
  /** Closes the client, the server and the service, and removes the data folder. */
  close(): Promise<void>;
}

async function start(dataDir: string): Promise<Omit<InProcessStudio, 'dataDir' | 'restart' | 'close'>> {
  const service = await StudioService.create({
    dataDir,
    shell: 'browser',
    demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
    modelsDir: path.join(dataDir, 'models'),
    loadConfiguredModel: false,
  });
  const server = await startStudioServer({ service });
  return { service, server, studio: await connectStudio(server.baseUrl, server.token) };
}

export async function startInProcessStudio(name: string): Promise<InProcessStudio> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `folio-${name}-`));
  const stop = async (running: InProcessStudio): Promise<void> => {
    running.studio.close();
    await running.server.close();
    await running.service.close();
  };
  const running: InProcessStudio = {
    dataDir,
    ...(await start(dataDir)),
    async restart() {
      await stop(running);
      Object.assign(running, await start(dataDir));
    },
    async close() {
      await stop(running);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return running;
}
