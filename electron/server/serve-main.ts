/**
 * npm run serve -- [--port N] [--host H] [--data-dir D] [--catalog FILE] [--models-dir D] [--model M --mmproj P] [--engine E] [--threads N] [--source-maps]
 * Starts the headless studio (the editor in a browser, the Studio API, the OpenAI-compatible
 * endpoints) and prints one URL carrying its token (labelled at a terminal).
 */
import { ModelSession } from '../studio/model/model-session';
import { StudioService } from '../studio/service/studio-service';
import { defaultDataDir } from '../studio/service/default-data-dir';
import { reportFailure } from '../studio/options/report-failure';
import { UsageError } from '../studio/options/usage-error';
import { integerOption } from '../studio/options/parse-options';
import { MODEL_OPTIONS, modelSessionOptions, parseCommandLine } from '../studio/options/model-options';
import { serverOption } from '../studio/options/server-option';
import { startStudioServer } from './studio-server';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

async function serve(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, {
    ...MODEL_OPTIONS,
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    catalog: { type: 'string' },
    'models-dir': { type: 'string' },
    'source-maps': { type: 'boolean' },
  });
  if (values.mmproj && !values.model) throw new UsageError('--mmproj needs --model.');
  const port = integerOption(values.port, '--port', { min: 0 }) ?? 0;
  const service = await StudioService.create({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    shell: 'browser',
    ...(values.catalog ? { catalogPath: values.catalog } : {}),
    ...(values['models-dir'] ? { modelsDir: values['models-dir'] } : {}),
    loadConfiguredModel: !values.model && !serverOption(values),
  });
  // A model named on the command line is opened here and used by the editor and the endpoints alike.
  if (values.model || serverOption(values))
    await service.adoptModel(await ModelSession.open(modelSessionOptions(values, { contextSize: 8192 })));
  // --source-maps: for development, with an editor built by vite build --mode development.
  const server = await startStudioServer({ host: values.host, port, service, sourceMaps: values['source-maps'] ?? false });
  if (!LOOPBACK.has(values.host)) {
    process.stderr.write(
      `warning: listening on ${values.host}: anyone who can reach this machine and has the token can use the studio and its model.\n`,
    );
  }
  // A program reading the output gets the bare URL; a writer at a terminal (`npm start`, after the
  // renderer build's own lines) gets it labelled, so it is found among them.
  process.stdout.write(process.stdout.isTTY ? `Folio studio: open ${server.url} in your browser (Ctrl+C stops it)\n` : `${server.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await service.close();
  return 0;
}

process.exitCode = await serve(process.argv.slice(2)).catch((error: unknown) => reportFailure(error, process.argv.includes('--verbose')));
