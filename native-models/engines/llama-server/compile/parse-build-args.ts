import { parseArgs } from 'node:util';
import type { BackendChoice } from '../../engine';
import { LlamaServerBuildError } from './build-error';

/** What `npm run build:llama-server -- [flags]` asked for. */
export interface BuildRequest {
  backend: BackendChoice;
  distributable: boolean;
  /** Cache root from --cache; undefined uses FOLIO_LLAMA_SERVER_CACHE or the default. */
  cache?: string;
  force: boolean;
  /** Compile all of llama.cpp instead of linking node-llama-cpp's prebuilt libraries. */
  fromSource: boolean;
  verbose: boolean;
  help: boolean;
  /** Also copy the built programs here (the packaged app's resources). */
  out?: string;
}

export const BUILD_USAGE = `usage: npm run build:llama-server -- [options]
  --backend auto|cpu|cuda|vulkan|metal   auto: link node-llama-cpp's libraries (backend chosen at run time); else compile that backend in from source
  --distributable                        all CPU variants, loaded at run time, instead of this CPU's features
  --cache DIR                            cache folder (default $FOLIO_LLAMA_SERVER_CACHE or ~/.cache/folio/llama-server)
  --force                                rebuild even when a build with these options exists
  --from-source                          compile all of llama.cpp instead of linking node-llama-cpp's prebuilt libraries
  --verbose                              stream the compiler output
  --out DIR                              also copy the built programs to DIR (packaging: out/llama-server)`;

const BACKENDS: readonly BackendChoice[] = ['auto', 'cpu', 'cuda', 'vulkan', 'metal'];

export function parseBuildArgs(argv: string[]): BuildRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        backend: { type: 'string', default: 'auto' },
        distributable: { type: 'boolean', default: false },
        cache: { type: 'string' },
        force: { type: 'boolean', default: false },
        'from-source': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        out: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new LlamaServerBuildError(`${(error as Error).message}\n${BUILD_USAGE}`, 2);
  }
  const backend = values.backend as BackendChoice;
  if (!BACKENDS.includes(backend))
    throw new LlamaServerBuildError(`Unknown backend "${values.backend}": choose ${BACKENDS.join(', ')}.`, 2);
  return {
    backend,
    distributable: values.distributable,
    cache: values.cache,
    force: values.force,
    fromSource: values['from-source'],
    verbose: values.verbose,
    help: values.help,
    out: values.out,
  };
}
