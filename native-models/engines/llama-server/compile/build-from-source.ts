import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LlamaServerBuildError } from './build-error';
import { completedBuild, llamaServerBuildDir } from './build-cache';
import { optionsLabel, type LlamaServerBuildOptions } from './build-options';
import { copyOut, finishBuild, progressPrinter, type BuildContext } from './build-steps';
import { chooseBackend } from './choose-backend';
import { applyPatches, cloneLlamaCpp } from './clone-llama-cpp';
import { cmakeConfigureFlags, LLAMA_SERVER_TARGETS } from './cmake-flags';
import { collectBinaries } from './collect-binaries';
import { LLAMA_SERVER_PATCHES } from '../patches/llama-server-patches';
import { missingBuildTools } from './missing-build-tools';
import { runBuildStep } from './run-build-step';

/**
 * The full build: all of llama.cpp (ggml, the CPU code for this processor or every variant, a GPU
 * backend when its toolkit is here, llama, common) and the programs, from node-llama-cpp's source
 * bundle. The fallback when the prebuilt libraries cannot be linked; `reason` says why.
 */
export async function buildFromSource(context: BuildContext, reason: string): Promise<void> {
  const { request, probe, tag, bundlePath } = context;
  const options: LlamaServerBuildOptions = {
    backend: chooseBackend(request.backend, request.distributable, probe),
    distributable: request.distributable,
    platform: probe.platform,
    ...(request.distributable ? {} : { cpuFlags: probe.cpuFlags?.() ?? [] }),
  };
  const label = optionsLabel(options);
  const flags = cmakeConfigureFlags(options);
  const dir = llamaServerBuildDir(context.root, tag, flags);

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
  await writeFile(
    logFile,
    `llama-server ${tag} (${label}) build started ${new Date(started).toISOString()}\nFrom source because ${reason}.\n`,
  );
  const step = { logFile, verbose: request.verbose };
  console.log(`Building llama-server ${tag} (${label}) from source in ${dir}\n      because ${reason}`);

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
  const buildArgs = ['--build', 'build', '--config', 'Release', '--target', ...LLAMA_SERVER_TARGETS, '-j', String(jobs)];
  await runBuildStep('cmake build', 'cmake', buildArgs, { ...step, cwd: dir, onLine: progressPrinter(started, request.verbose) });

  await collectBinaries(path.join(dir, 'build'), path.join(dir, 'bin'));
  await finishBuild(
    dir,
    { tag, options: label, flags, commit: source.commit, builtFromTag: source.atTag, path: 'source', sourceReason: reason },
    started,
    request.out,
  );
}
