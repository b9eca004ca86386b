/**
 * The served studio in a process of its own, for the fuzz test: the real service and server on
 * the tiny models, in a sandbox folder (it is also the working folder, HOME and TMPDIR, so paths
 * a fuzzed request names land inside it). Prints one line of JSON ({baseUrl, token}) when ready.
 * A stray exception or rejection is written as `FATAL …` on stderr and ends the process with 70:
 * the test looks for both.
 * Usage: node bin/run-ts.js test/helpers/fuzz-studio-server.ts SANDBOX
 */
import path from 'node:path';
import { startStudioServer } from '../../electron/server/studio-server';
import { StudioService } from '../../electron/studio/service/studio-service';
import { TINY_DECODER, TINY_PROJECTOR } from './fixture-paths';

for (const kind of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(kind, (error: unknown) => {
    process.stderr.write(`FATAL ${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70);
  });
}

const sandbox = process.argv[2];
if (!sandbox) throw new Error('usage: fuzz-studio-server.ts SANDBOX');
const dataDir = path.join(sandbox, 'data');
const service = await StudioService.create({
  dataDir,
  shell: 'browser',
  demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
  modelsDir: path.join(dataDir, 'models'),
  contextSize: 2048,
});
const server = await startStudioServer({ service });
process.stdout.write(`${JSON.stringify({ baseUrl: server.baseUrl, token: server.token })}\n`);
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => service.close())
    .finally(() => process.exit(0));
});
