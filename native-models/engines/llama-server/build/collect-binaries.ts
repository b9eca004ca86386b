import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { LlamaServerBuildError } from './build-error';
import { LLAMA_SERVER_TARGETS } from './cmake-flags';

const SHARED_LIBRARY = /\.(so(\.\d+)*|dylib|dll)$/;

/**
 * Copies the built programs (and, for a shared-library build, the libraries and backends they
 * load from beside themselves) from CMake's output folder into `binDir`, replacing it whole.
 */
export async function collectBinaries(cmakeBuildDir: string, binDir: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  // Multi-config generators (Visual Studio) put Release output one folder deeper.
  const outputDir = [path.join(cmakeBuildDir, 'bin'), path.join(cmakeBuildDir, 'bin', 'Release')].find((dir) =>
    existsSync(path.join(dir, executable('llama-server', platform))),
  );
  if (!outputDir) throw new LlamaServerBuildError(`The build finished but ${executable('llama-server', platform)} is not in ${path.join(cmakeBuildDir, 'bin')}.`, 1);
  const files = [
    ...LLAMA_SERVER_TARGETS.map((name) => executable(name, platform)),
    ...(await readdir(outputDir)).filter((name) => SHARED_LIBRARY.test(name)),
  ];
  const staging = `${binDir}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const name of files) await copyFile(path.join(outputDir, name), path.join(staging, name));
  await rm(binDir, { recursive: true, force: true });
  await rename(staging, binDir);
}

function executable(name: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${name}.exe` : name;
}
