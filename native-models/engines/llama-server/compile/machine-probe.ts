import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The programs a llama.cpp build may need. 'c++' is any C++ compiler. */
export type BuildTool = 'cmake' | 'git' | 'c++' | 'make' | 'nvcc' | 'glslc';

/** What the build asks of the machine; tests pass a fake. */
export interface MachineProbe {
  platform: NodeJS.Platform;
  /** Where the tool is, or null when it is not installed. */
  findTool(tool: BuildTool): string | null;
  hasVulkanHeaders(): boolean;
  /** Whether an NVIDIA GPU is visible now (a native CUDA build compiles for the GPUs it sees). */
  hasNvidiaGpu(): boolean;
  /** The CPU's instruction-set flags (Linux x64: /proc/cpuinfo), or [] where unknown. */
  cpuFlags?(): string[];
}

/** Looks at this machine with file checks only: no process is started, so it is cheap to call. */
export function probeMachine(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): MachineProbe {
  const onPath = (name: string): string | null => findOnPath(name, env, platform);
  return {
    platform,
    findTool(tool) {
      switch (tool) {
        case 'c++':
          return firstFound([env.CXX ?? '', 'c++', 'g++', 'clang++', ...(platform === 'win32' ? ['cl'] : [])], onPath);
        case 'nvcc':
          // CMake's FindCUDAToolkit also looks in the toolkit's usual home, so do the same.
          return (
            onPath('nvcc') ??
            firstPath(
              [
                env.CUDA_PATH && path.join(env.CUDA_PATH, 'bin', exe('nvcc', platform)),
                platform === 'win32' ? '' : '/usr/local/cuda/bin/nvcc',
              ],
              isExecutable,
            )
          );
        case 'glslc':
          return onPath('glslc') ?? firstPath([env.VULKAN_SDK && path.join(env.VULKAN_SDK, 'bin', exe('glslc', platform))], isExecutable);
        default:
          return onPath(tool);
      }
    },
    hasVulkanHeaders() {
      const roots = [env.VULKAN_SDK && path.join(env.VULKAN_SDK, 'include'), '/usr/include', '/usr/local/include', '/opt/homebrew/include'];
      return (
        firstPath(
          roots.map((root) => root && path.join(root, 'vulkan', 'vulkan.h')),
          existsSync,
        ) !== null
      );
    },
    cpuFlags() {
      if (platform !== 'linux' || process.arch !== 'x64') return [];
      try {
        const line = readFileSync('/proc/cpuinfo', 'utf8')
          .split('\n')
          .find((entry) => entry.startsWith('flags'));
        return line ? (line.split(':')[1] ?? '').trim().split(/\s+/) : [];
      } catch {
        return [];
      }
    },
    hasNvidiaGpu() {
      if (platform === 'linux') return hasEntries('/proc/driver/nvidia/gpus') || existsSync('/dev/nvidia0');
      if (platform === 'win32') return onPath('nvidia-smi') !== null;
      return false;
    },
  };
}

function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (!name) return null;
  if (path.isAbsolute(name)) return isExecutable(name) ? name : null;
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = path.join(dir, name + extension);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function firstFound(names: string[], lookup: (name: string) => string | null): string | null {
  for (const name of names) {
    const found = lookup(name);
    if (found) return found;
  }
  return null;
}

function firstPath(paths: Array<string | undefined>, accept: (file: string) => boolean): string | null {
  for (const candidate of paths) {
    if (candidate && accept(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function hasEntries(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

function exe(name: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${name}.exe` : name;
}
