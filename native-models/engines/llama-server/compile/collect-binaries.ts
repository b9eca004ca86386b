import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { LlamaServerBuildError } from './build-error';
import { LLAMA_SERVER_TARGETS } from './cmake-flags';

const SHARED_LIBRARY = /\.(so(\.\d+)*|dylib|dll)$/;

/** More for the bin folder: a linked build's extra tools and the prebuilt libraries it runs on. */
export interface CollectExtras {
  /** Programs copied when the build made them (e.g. llama-quantize). */
  optionalPrograms?: readonly string[];
  /** Libraries (absolute paths) copied in beside the programs. */
  libraries?: readonly string[];
}

/**
 * Copies the built programs (and, for a shared-library build, the libraries and backends they
 * load from beside themselves) from CMake's output folder into `binDir`, replacing it whole.
 */
export async function collectBinaries(
  cmakeBuildDir: string,
  binDir: string,
  platform: NodeJS.Platform = process.platform,
  extras: CollectExtras = {},
): Promise<void> {
  // Multi-config generators (Visual Studio) put Release output one folder deeper.
  const outputDir = [path.join(cmakeBuildDir, 'bin'), path.join(cmakeBuildDir, 'bin', 'Release')].find((dir) =>
    existsSync(path.join(dir, executable('llama-server', platform))),
  );
  if (!outputDir)
    throw new LlamaServerBuildError(
      `The build finished but ${executable('llama-server', platform)} is not in ${path.join(cmakeBuildDir, 'bin')}.`,
      1,
    );
  const files = [
    ...LLAMA_SERVER_TARGETS.map((name) => executable(name, platform)),
    ...(await readdir(outputDir)).filter((name) => SHARED_LIBRARY.test(name)),
    ...(extras.optionalPrograms ?? []).map((name) => executable(name, platform)).filter((name) => existsSync(path.join(outputDir, name))),
  ];
  const staging = `${binDir}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const name of files) await copyFile(path.join(outputDir, name), path.join(staging, name));
  for (const library of extras.libraries ?? []) await copyFile(library, path.join(staging, path.basename(library)));
  await rm(binDir, { recursive: true, force: true });
  await rename(staging, binDir);
}

function executable(name: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${name}.exe` : name;
}
