/**
 * npm run build:llama-server -- [--backend auto|cpu|cuda|vulkan|metal] [--distributable]
 *   [--from-source] [--cache DIR] [--force] [--verbose] [--out DIR]
 *
 * Builds llama.cpp's llama-server, llama-bench and llama-mtmd-cli from the llama.cpp source that
 * node-llama-cpp ships, into a cache folder outside the repository. By default only the programs
 * and mtmd are compiled, linked against node-llama-cpp's prebuilt libraries (build-linked.ts);
 * all of llama.cpp is compiled when that cannot be done, and the output says why
 * (build-from-source.ts). A second run with the same options only checks the cache.
 * Exit codes: 0 built or cached, 1 build failed, 2 missing tools or bad arguments.
 */
import { buildFromSource } from './build-from-source';
import { LlamaServerBuildError } from './build-error';
import { llamaServerCacheRoot } from './build-cache';
import { buildLinked } from './build-linked';
import type { BuildContext } from './build-steps';
import { chooseBuildPath } from './choose-build-path';
import { readLlamaCppRelease } from './llama-cpp-release';
import { probeMachine } from './machine-probe';
import { BUILD_USAGE, parseBuildArgs } from './parse-build-args';
import { findPrebuiltLibraries } from './prebuilt-libraries';

async function buildLlamaServer(argv: string[]): Promise<void> {
  const request = parseBuildArgs(argv);
  if (request.help) {
    console.log(BUILD_USAGE);
    return;
  }
  const probe = probeMachine();
  const { tag, bundlePath } = await readLlamaCppRelease();
  const context: BuildContext = { request, probe, tag, bundlePath, root: llamaServerCacheRoot(request.cache) };
  const chosen = chooseBuildPath(request, findPrebuiltLibraries(probe.platform, process.arch));
  if (chosen.kind === 'source') return buildFromSource(context, chosen.reason);
  const linked = await buildLinked(context, chosen.prebuilt);
  if ('fallback' in linked) {
    console.log(`Not linking against node-llama-cpp's libraries: ${linked.fallback}.`);
    await buildFromSource(context, linked.fallback);
  }
}

try {
  await buildLlamaServer(process.argv.slice(2));
} catch (error) {
  if (error instanceof LlamaServerBuildError) {
    console.error(error.message);
    if (error.detail) console.error(`--- last lines of the log ---\n${error.detail}`);
    process.exitCode = error.exitCode;
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
}
