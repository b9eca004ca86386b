/**
 * npm run serve -- [--port N] [--host H] [--model M --mmproj P] [--engine E] [--threads N]
 * Starts the headless studio server and prints one URL carrying its token.
 */
import { ModelSession } from '../studio/model/model-session';
import { UsageError, reportFailure } from '../cli/cli-errors';
import { integerOption } from '../cli/parse-options';
import { MODEL_OPTIONS, modelSessionOptions, parseCommandLine } from '../cli/model-options';
import { startStudioServer } from './studio-server';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

async function serve(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, { ...MODEL_OPTIONS, port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } });
  if (values.mmproj && !values.model) throw new UsageError('--mmproj needs --model.');
  const session = values.model ? await ModelSession.open(modelSessionOptions(values, { contextSize: 8192 })) : null;
  const server = await startStudioServer({ host: values.host, port: integerOption(values.port, '--port', { min: 0 }) ?? 0, session });
  if (!LOOPBACK.has(values.host)) {
    process.stderr.write(`warning: listening on ${values.host}: anyone who can reach this machine and has the token can use the model.\n`);
  }
  process.stdout.write(`${server.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await session?.close();
  return 0;
}

process.exitCode = await serve(process.argv.slice(2)).catch((error: unknown) => reportFailure(error, process.argv.includes('--verbose')));
