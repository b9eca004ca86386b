import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { nodeLlamaCppLlamaDir } from './llama-cpp-release';

/** The four libraries llama-server links against, as file names in the package's folder. */
interface LinkedLibraries {
  ggmlBase: string;
  /** libggml: the backend registry that loads CPU variants and GPU backends at run time. */
  ggml: string;
  llama: string;
  common: string;
}

/** node-llama-cpp's prebuilt llama.cpp for this platform, as installed in node_modules. */
export interface PrebuiltLibraries {
  /** e.g. '@node-llama-cpp/linux-x64' */
  packageName: string;
  version: string;
  /** The folder holding the libraries: `<package>/bins/<platform>-<arch>`. */
  dir: string;
  /** The llama.cpp release its _nlcBuildMetadata.json records, e.g. 'v0.4.0'. */
  release: string;
  libraries: LinkedLibraries;
  /** One `ggml-cpu-<variant>` library per CPU generation, chosen by ggml at run time. */
  cpuVariants: string[];
  /** GPU backends (absolute paths) from node-llama-cpp's GPU packages installed beside it. */
  gpuBackends: string[];
}

export type PrebuiltLookup = { found: PrebuiltLibraries } | { reason: string };

const SHARED = String.raw`\.(so|dylib)$`;

/**
 * node-llama-cpp's package for this platform, with the libraries the linked build needs, or why
 * there is none. Windows is not linked: MSVC links a DLL only through its import library, which
 * the package does not carry, so Windows builds from source.
 */
export function findPrebuiltLibraries(platform: NodeJS.Platform, arch: string, scopeDir: string = nodeLlamaCppScopeDir()): PrebuiltLookup {
  if (platform === 'win32') return { reason: 'on Windows the prebuilt DLLs come without import libraries to link against' };
  const name = `${platform === 'darwin' ? 'mac' : platform}-${arch}${platform === 'darwin' && arch === 'arm64' ? '-metal' : ''}`;
  const packageDir = path.join(scopeDir, name);
  const dir = path.join(packageDir, 'bins', name);
  if (!existsSync(dir)) return { reason: `node-llama-cpp's prebuilt package @node-llama-cpp/${name} is not installed` };
  const files = readdirSync(dir);
  const pick = (pattern: string): string | undefined => files.find((file) => new RegExp(`^${pattern}${SHARED}`).test(file));
  const ggmlBase = pick(String.raw`libggml-base`);
  const ggml = pick(String.raw`libggml(\.[\w.]+)?`);
  const llama = pick(String.raw`libllama(\.[\w.]+)?`);
  const common = pick(String.raw`libllama-common`);
  if (!ggmlBase || !ggml || !llama || !common) {
    return { reason: `@node-llama-cpp/${name} has no shared libggml-base, libggml, libllama and libllama-common to link against` };
  }
  const release = readRelease(path.join(dir, '_nlcBuildMetadata.json'));
  if (!release) return { reason: `@node-llama-cpp/${name} does not say which llama.cpp release it was built from` };
  return {
    found: {
      packageName: `@node-llama-cpp/${name}`,
      version: readVersion(path.join(packageDir, 'package.json')),
      dir,
      release,
      libraries: { ggmlBase, ggml, llama, common },
      cpuVariants: files.filter((file) => new RegExp(`^libggml-cpu(-[\\w.]+)?${SHARED}`).test(file)).sort(),
      gpuBackends: gpuBackends(scopeDir, name, path.join(dir, ggmlBase)),
    },
  };
}

/** The `@node-llama-cpp` folder beside node-llama-cpp in node_modules. */
function nodeLlamaCppScopeDir(): string {
  return path.join(path.dirname(path.dirname(nodeLlamaCppLlamaDir())), '@node-llama-cpp');
}

/**
 * CUDA and Vulkan backends from the GPU packages, taken only when that package's libggml-base is
 * byte for byte ours: a backend loads into our process and calls into our libggml-base.
 */
function gpuBackends(scopeDir: string, name: string, ggmlBase: string): string[] {
  let ours: Buffer | undefined;
  const found: string[] = [];
  for (const gpu of ['cuda', 'vulkan']) {
    const dir = path.join(scopeDir, `${name}-${gpu}`, 'bins', `${name}-${gpu}`);
    const backend = path.join(dir, `libggml-${gpu}.so`);
    const base = path.join(dir, 'libggml-base.so');
    if (!existsSync(backend) || !existsSync(base)) continue;
    ours ??= readFileSync(ggmlBase);
    if (readFileSync(base).equals(ours)) found.push(backend);
  }
  return found;
}

function readRelease(file: string): string | null {
  try {
    const release = (JSON.parse(readFileSync(file, 'utf8')) as { buildOptions?: { llamaCpp?: { release?: unknown } } }).buildOptions
      ?.llamaCpp?.release;
    return typeof release === 'string' ? release : null;
  } catch {
    return null;
  }
}

function readVersion(file: string): string {
  try {
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
