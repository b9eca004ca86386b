import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LlamaServerBuildError } from './build-error';
import { completedBuild, llamaServerBuildDir } from './build-cache';
import { copyOut, finishBuild, progressPrinter, type BuildContext } from './build-steps';
import { applyPatches, cloneLlamaCpp } from './clone-llama-cpp';
import { collectBinaries } from './collect-binaries';
import { LINKED_LABEL, LINKED_TARGETS, linkedBuildFlags, linkedCmakeLists } from './linked-cmake';
import { LLAMA_SERVER_PATCHES } from '../patches/llama-server-patches';
import { missingBuildTools } from './missing-build-tools';
import { readMatchEvidence } from './prebuilt-evidence';
import type { PrebuiltLibraries } from './prebuilt-libraries';
import { prebuiltMismatch } from './prebuilt-match';
import { runBuildStep } from './run-build-step';

export type LinkedOutcome = { built: true } | { fallback: string };

/**
 * Compiles llama-server, mtmd and the tools from the source bundle against node-llama-cpp's
 * prebuilt libraries, after proving they are one llama.cpp build. Returns why not (for the
 * source build to say) when they are not, or when the compile or link fails.
 */
export async function buildLinked(context: BuildContext, prebuilt: PrebuiltLibraries): Promise<LinkedOutcome> {
  const { request, probe, tag, bundlePath } = context;
  const flags = linkedBuildFlags(prebuilt);
  const dir = llamaServerBuildDir(context.root, tag, flags);
  const cached = request.force ? null : await completedBuild(dir, tag, LINKED_LABEL, flags);
  if (cached) {
    console.log(`llama-server ${tag} (${LINKED_LABEL}, on ${prebuilt.packageName}) is already built: ${cached.binaries['llama-server']}`);
    await copyOut(dir, request.out);
    return { built: true };
  }
  const missing = missingBuildTools(probe);
  if (missing) throw new LlamaServerBuildError(missing, 2);

  const started = Date.now();
  if (request.force) await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const logFile = path.join(dir, 'build.log');
  await writeFile(
    logFile,
    `llama-server ${tag} (${LINKED_LABEL} on ${prebuilt.packageName}@${prebuilt.version}) build started ${new Date(started).toISOString()}\n`,
  );
  const step = { logFile, verbose: request.verbose };
  console.log(
    `Building llama-server ${tag} on node-llama-cpp's prebuilt libraries (${prebuilt.packageName}@${prebuilt.version}) in ${dir}`,
  );

  console.log('[1/4] clone llama.cpp from node-llama-cpp');
  const source = await cloneLlamaCpp(bundlePath, tag, path.join(dir, 'src'), step);
  await applyPatches(path.join(dir, 'src'), LLAMA_SERVER_PATCHES, step);

  console.log('[2/4] check that the prebuilt libraries are this source');
  const mismatch = prebuiltMismatch(await readMatchEvidence(prebuilt, path.join(dir, 'src'), tag, probe.platform));
  if (mismatch) return fallback(logFile, `the prebuilt libraries are not this llama.cpp source: ${mismatch}`);
  console.log(`      same llama.cpp ${tag}: the release, the package versions and libllama's functions agree`);

  const project = path.join(dir, 'project');
  await mkdir(project, { recursive: true });
  await writeFile(path.join(project, 'CMakeLists.txt'), linkedCmakeLists(prebuilt, probe.platform));
  const configure = [
    '-S',
    'project',
    '-B',
    'build',
    '-DCMAKE_BUILD_TYPE=Release',
    `-DFOLIO_LLAMA_SRC=${path.join(dir, 'src')}`,
    `-DFOLIO_PREBUILT_DIR=${prebuilt.dir}`,
  ];
  const jobs = os.availableParallelism();
  try {
    console.log('[3/4] configure: cmake (llama.cpp tools on imported libraries)');
    await runBuildStep('cmake configure', 'cmake', configure, { ...step, cwd: dir });
    console.log(`[4/4] build ${LINKED_TARGETS.join(', ')} with ${jobs} jobs${request.verbose ? '' : ` (log: ${logFile})`}`);
    const buildArgs = ['--build', 'build', '--config', 'Release', '--target', ...LINKED_TARGETS, '-j', String(jobs)];
    await runBuildStep('cmake build', 'cmake', buildArgs, { ...step, cwd: dir, onLine: progressPrinter(started, request.verbose) });
  } catch (error) {
    if (!(error instanceof LlamaServerBuildError)) throw error;
    return fallback(logFile, `compiling against the prebuilt libraries failed (${error.message})`);
  }

  const { ggmlBase, ggml, llama, common } = prebuilt.libraries;
  const libraries = [ggmlBase, ggml, llama, common, ...prebuilt.cpuVariants].map((name) => path.join(prebuilt.dir, name));
  await collectBinaries(path.join(dir, 'build'), path.join(dir, 'bin'), probe.platform, {
    optionalPrograms: ['llama-quantize'],
    libraries: [...libraries, ...prebuilt.gpuBackends],
  });
  const gpus = prebuilt.gpuBackends.map((file) => path.basename(file));
  await finishBuild(
    dir,
    {
      tag,
      options: LINKED_LABEL,
      flags,
      commit: source.commit,
      builtFromTag: source.atTag,
      path: 'linked',
      prebuilt: `${prebuilt.packageName}@${prebuilt.version}`,
    },
    started,
    request.out,
    [`with ${prebuilt.cpuVariants.length} CPU variants${gpus.length > 0 ? ` and ${gpus.join(', ')}` : ''}, chosen when the server starts`],
  );
  return { built: true };
}

async function fallback(logFile: string, reason: string): Promise<LinkedOutcome> {
  await writeFile(logFile, `Not linked: ${reason}\n`, { flag: 'a' });
  return { fallback: reason };
}
