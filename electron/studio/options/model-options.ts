import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { BackendChoice, EngineKind } from '../../../native-models/engines/engine';
import type { OpenModelOptions } from '../model/model-session';
import { UsageError } from './usage-error';
import { usageErrorFromParseArgs } from './unknown-option';
import { integerOption, oneOf } from './parse-options';
import { SERVER_OPTIONS, serverOption } from './server-option';

/** The options every command that loads a model takes. */
export const MODEL_OPTIONS = {
  model: { type: 'string' },
  mmproj: { type: 'string' },
  engine: { type: 'string' },
  backend: { type: 'string' },
  context: { type: 'string' },
  threads: { type: 'string' },
  'full-precision': { type: 'boolean' },
  verbose: { type: 'boolean' },
  ...SERVER_OPTIONS,
} as const satisfies ParseArgsOptionsConfig;

/** parseArgs, with its complaints turned into the CLI's one-line usage errors. */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw usageErrorFromParseArgs(error, Object.keys(options));
  }
}

type ModelValues = { [K in keyof typeof MODEL_OPTIONS]?: (typeof MODEL_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** What ModelSession.open needs, from the command line; the caller checks --model / --server first. */
export function modelSessionOptions(values: ModelValues, defaults: { contextSize?: number } = {}): OpenModelOptions {
  const server = serverOption(values);
  // The model's own error names only the file (right in a dialog); on a command line the path as typed shows where Folio looked.
  if (!server)
    for (const [flag, given] of [
      ['--model', values.model],
      ['--mmproj', values.mmproj],
    ] as const)
      if (given && !existsSync(given)) throw new UsageError(`${flag}: the file could not be found: ${given}`);
  return {
    decoderPath: values.model ?? server?.model ?? '',
    projectorPath: values.mmproj,
    ...(server ? { server } : {}),
    engine: oneOf<EngineKind>(values.engine, '--engine', ['llama-server', 'llama-node', 'node-llama-cpp']),
    backend: oneOf<BackendChoice>(values.backend, '--backend', ['auto', 'cpu', 'cuda', 'vulkan', 'metal']),
    contextSize: integerOption(values.context, '--context', { min: 64 }) ?? defaults.contextSize,
    threads: integerOption(values.threads, '--threads', { min: 1 }),
    ...(values['full-precision'] ? { fullPrecision: fullPrecisionLocal(server) } : {}),
    onLog: values.verbose ? (line) => process.stderr.write(`[model] ${line}\n`) : undefined,
  };
}

/** Full precision is a property of a local engine's KV cache and attention: a remote server has its own. */
function fullPrecisionLocal(server: unknown): true {
  if (server) throw new UsageError('--full-precision needs a local model: a server runs at the precision it was started with.');
  return true;
}
