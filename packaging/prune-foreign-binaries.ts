/**
 * Only the target platform's binaries are shipped. The native packages publish one package
 * per platform and architecture (`@node-llama-cpp/linux-x64-cuda`, `@fugood/node-llama-win32-x64`,
 * `@img/sharp-libvips-darwin-arm64`); npm installs every one its filters allow (all the Linux
 * ones on any Linux machine, say), and a cross-build copies whatever the build machine has.
 * After packaging, folders naming another platform or architecture are removed. A folder
 * whose name says neither (llama.node itself, the wasm builds) stays. Some packages carry every
 * platform inside themselves instead (onnxruntime-node: `bin/napi-v6/<platform>/<arch>`, about
 * 220 MB of macOS and Windows libraries in a Linux build); those folders go the same way.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Scopes holding per-platform binary packages, and the name prefix they use within it. */
const PLATFORM_BINARY_SCOPES: ReadonlyArray<{ scope: string; prefix: string }> = [
  { scope: '@node-llama-cpp', prefix: '' },
  { scope: '@fugood', prefix: 'node-llama-' },
  { scope: '@img', prefix: 'sharp-' },
];

/**
 * Packages that hold every platform's binaries in one folder, as `<folder>/<platform>/<arch>`
 * with Node's `process.platform` / `process.arch` names (the path their loader builds).
 */
export const IN_PACKAGE_BINARY_FOLDERS: ReadonlyArray<{ packageName: string; folder: string }> = [
  { packageName: 'onnxruntime-node', folder: 'bin/napi-v6' },
];

const PLATFORM_WORDS: Record<string, string> = {
  linux: 'linux',
  linuxmusl: 'linux',
  mac: 'darwin',
  darwin: 'darwin',
  win: 'win32',
  win32: 'win32',
  freebsd: 'freebsd',
};
const ARCH_WORDS: Record<string, string> = {
  x64: 'x64',
  arm64: 'arm64',
  armv7l: 'armv7l',
  arm: 'armv7l',
  ia32: 'ia32',
  riscv64: 'riscv64',
  ppc64: 'ppc64',
  s390x: 's390x',
};

/** Whether a per-platform package folder is for the target (true when its name says neither). */
export function isForTarget(folderName: string, platform: string, arch: string): boolean {
  const words = folderName.split('-');
  const namedPlatform = words.map((word) => PLATFORM_WORDS[word]).find(Boolean);
  const namedArch = words.map((word) => ARCH_WORDS[word]).find(Boolean);
  const targetPlatform = platform === 'mas' ? 'darwin' : platform;
  const targetArchs = arch === 'universal' ? ['x64', 'arm64'] : [arch];
  if (namedPlatform && namedPlatform !== targetPlatform) return false;
  if (namedArch && !targetArchs.includes(namedArch)) return false;
  return true;
}

/** Removes other platforms' binary packages from `<buildPath>/node_modules`; returns what went. */
export function pruneForeignBinaries(buildPath: string, platform: string, arch: string): string[] {
  const removed: string[] = [];
  for (const { scope, prefix } of PLATFORM_BINARY_SCOPES) {
    const scopeDir = path.join(buildPath, 'node_modules', scope);
    if (!existsSync(scopeDir)) continue;
    for (const name of readdirSync(scopeDir)) {
      if (!name.startsWith(prefix) || isForTarget(name.slice(prefix.length), platform, arch)) continue;
      rmSync(path.join(scopeDir, name), { recursive: true, force: true });
      removed.push(`${scope}/${name}`);
    }
  }
  return [...removed, ...pruneInPackageBinaries(buildPath, platform, arch)].sort();
}

/** Removes the other platforms' and architectures' folders inside IN_PACKAGE_BINARY_FOLDERS. */
function pruneInPackageBinaries(buildPath: string, platform: string, arch: string): string[] {
  const removed: string[] = [];
  const remove = (relative: string) => {
    rmSync(path.join(buildPath, 'node_modules', relative), { recursive: true, force: true });
    removed.push(relative);
  };
  for (const { packageName, folder } of IN_PACKAGE_BINARY_FOLDERS) {
    const binaries = path.join(buildPath, 'node_modules', packageName, folder);
    if (!existsSync(binaries)) continue;
    for (const platformName of readdirSync(binaries)) {
      const platformFolder = `${packageName}/${folder}/${platformName}`;
      if (!isForTarget(platformName, platform, arch)) {
        remove(platformFolder);
        continue;
      }
      for (const archName of readdirSync(path.join(binaries, platformName))) {
        if (!isForTarget(`${platformName}-${archName}`, platform, arch)) remove(`${platformFolder}/${archName}`);
      }
    }
  }
  return removed;
}
