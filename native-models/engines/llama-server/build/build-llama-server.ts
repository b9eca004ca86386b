/**
 * npm run build:llama-server -- [--backend auto|cpu|cuda|vulkan|metal] [--distributable]
 *   [--cache DIR] [--force] [--verbose]
 *
 * Builds llama.cpp's llama-server, llama-bench and llama-mtmd-cli from the llama.cpp source that
 * node-llama-cpp ships, into a cache folder outside the repository. A second run with the same
 * options only checks the cache. Exit codes: 0 built or cached, 1 build failed, 2 missing tools
 * or bad arguments.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LlamaServerBuildError } from './build-error';
import { binaryPath, completedBuild, llamaServerBuildDir, llamaServerCacheRoot, writeStamp } from './build-cache';
import { optionsLabel, type LlamaServerBuildOptions } from './build-options';
import { chooseBackend } from './choose-backend';
import { applyPatches, cloneLlamaCpp } from './clone-llama-cpp';
import { cmakeConfigureFlags, LLAMA_SERVER_TARGETS } from './cmake-flags';
import { collectBinaries } from './collect-binaries';
import { readLlamaCppRelease } from './llama-cpp-release';
import { LLAMA_SERVER_PATCHES, llamaServerPatchesId } from './llama-server-patches';
import { probeMachine } from './machine-probe';
import { missingBuildTools } from './missing-build-tools';
import { BUILD_USAGE, parseBuildArgs } from './parse-build-args';
import { runBuildStep } from './run-build-step';

async function buildLlamaServer(argv: string[]): Promise<void> {
  const request = parseBuildArgs(argv);
  if (request.help) {
    console.log(BUILD_USAGE);
    return;
  }
  const probe = probeMachine();
  const options: LlamaServerBuildOptions = {
    backend: chooseBackend(request.backend, request.distributable, probe),
    distributable: request.distributable,
    platform: probe.platform,
    ...(request.distributable ? {} : { cpuFlags: probe.cpuFlags?.() ?? [] }),
  };
  const label = optionsLabel(options);
  const flags = cmakeConfigureFlags(options);
  const { tag, bundlePath } = await readLlamaCppRelease();
  const dir = llamaServerBuildDir(llamaServerCacheRoot(request.cache), tag, flags);

  const cached = request.force ? null : await completedBuild(dir, tag, label, flags);
  if (cached) {
    console.log(`llama-server ${tag} (${label}) is already built: ${cached.binaries['llama-server']}`);
    await copyOut(dir, request.out);
    return;
  }
  const missing = missingBuildTools(probe);
  if (missing) throw new LlamaServerBuildError(missing, 2);

  const started = Date.now();
  if (request.force) await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const logFile = path.join(dir, 'build.log');
  await writeFile(logFile, `llama-server ${tag} (${label}) build started ${new Date(started).toISOString()}\n`);
  const step = { logFile, verbose: request.verbose };
  console.log(`Building llama-server ${tag} (${label}) in ${dir}`);

  console.log('[1/3] clone llama.cpp from node-llama-cpp');
  const source = await cloneLlamaCpp(bundlePath, tag, path.join(dir, 'src'), step);
  if (!source.atTag) {
    const note = `Tag ${tag} is not in ${bundlePath}; building the bundle's HEAD (${source.commit.slice(0, 10)}) instead.`;
    console.log(`      ${note}`);
    await writeFile(logFile, `${note}\n`, { flag: 'a' });
  }
  await applyPatches(path.join(dir, 'src'), LLAMA_SERVER_PATCHES, step);

  console.log(`[2/3] configure: cmake ${flags.join(' ')}`);
  await runBuildStep('cmake configure', 'cmake', ['-S', 'src', '-B', 'build', ...flags], { ...step, cwd: dir });

  const jobs = os.availableParallelism();
  console.log(`[3/3] build ${LLAMA_SERVER_TARGETS.join(', ')} with ${jobs} jobs${request.verbose ? '' : ` (log: ${logFile})`}`);
  let shown = 0;
  const onLine = (line: string): void => {
    const percent = Number(/^\[\s*(\d+)%\]/.exec(line)?.[1] ?? NaN);
    if (request.verbose || !(percent >= shown + 10)) return;
    shown = percent - (percent % 10);
    console.log(`      ${percent}% after ${elapsed(started)}`);
  };
  const buildArgs = ['--build', 'build', '--config', 'Release', '--target', ...LLAMA_SERVER_TARGETS, '-j', String(jobs)];
  await runBuildStep('cmake build', 'cmake', buildArgs, { ...step, cwd: dir, onLine });

  await collectBinaries(path.join(dir, 'build'), path.join(dir, 'bin'));
  const version = await checkRuns(binaryPath(dir, 'llama-server'));
  await writeStamp(dir, {
    tag,
    options: label,
    flags,
    commit: source.commit,
    builtFromTag: source.atTag,
    patches: llamaServerPatchesId(),
    builtAt: new Date().toISOString(),
    buildSeconds: Math.round((Date.now() - started) / 1000),
  });
  console.log(`Built llama-server ${tag} (${label}) in ${elapsed(started)}: ${version}`);
  for (const name of LLAMA_SERVER_TARGETS) console.log(`  ${binaryPath(dir, name)}`);
  await copyOut(dir, request.out);
}

/** The packaged app carries the programs as a resource folder (see forge.config.ts). */
async function copyOut(dir: string, out: string | undefined): Promise<void> {
  if (!out) return;
  await rm(out, { recursive: true, force: true });
  await cp(path.join(dir, 'bin'), out, { recursive: true });
  console.log(`Copied to ${out}`);
}

/** Runs `llama-server --version` so a binary that cannot start is caught before it is stamped. */
async function checkRuns(server: string): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(server, ['--version'], { timeout: 30_000 });
    return (stdout + stderr).split('\n').find((line) => line.startsWith('version')) ?? 'version unknown';
  } catch (error) {
    throw new LlamaServerBuildError(`The built llama-server does not start: ${(error as Error).message}`, 1);
  }
}

function elapsed(since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
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
