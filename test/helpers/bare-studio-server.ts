/**
 * The real server and service without a model, over a tiny stand-in editor (index.html, app.js
 * and its source map), for tests of what the server itself does. `reported` collects where each
 * failure the server wrote down happened.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStudioServer, type RunningStudioServer, type StudioServerOptions } from '../../electron/server/studio-server';
import { StudioService } from '../../electron/studio/service/studio-service';

export interface BareStudioServer {
  server: RunningStudioServer;
  service: StudioService;
  rendererDir: string;
  reported: string[];
  close(): Promise<void>;
}

/** `inFlight`: the server's bounds on unanswered requests (default: the product's). */
export async function startBareStudioServer(inFlight?: StudioServerOptions['inFlight']): Promise<BareStudioServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-bare-server-'));
  const rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Folio</title>');
  writeFileSync(path.join(rendererDir, 'app.js'), 'export {};\n//# sourceMappingURL=app.js.map\n');
  writeFileSync(path.join(rendererDir, 'app.js.map'), '{"version":3,"sources":["secret-source.ts"]}');
  const reported: string[] = [];
  const service = await StudioService.create({
    dataDir,
    shell: 'browser',
    loadConfiguredModel: false,
    modelsDir: path.join(dataDir, 'models'),
  });
  const server = await startStudioServer({ service, rendererDir, reportError: (where) => reported.push(where), inFlight });
  return {
    server,
    service,
    rendererDir,
    reported,
    async close() {
      await server.close();
      await service.close();
    },
  };
}
