import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { binaryFormatOf, linkedLibraries, type BinaryFormat } from './linked-libraries';

/** The programs the packaged llama-server folder carries; the engine needs the first. */
const PROGRAMS = ['llama-server', 'llama-bench', 'llama-mtmd-cli', 'llama-quantize'];
const LIBRARY = /\.(so|dylib|dll)$/;
/** Libraries ggml opens itself at run time, so no program names them: CPU variants and GPU backends. */
const LOADED_AT_RUN_TIME = /^(lib)?ggml-(cpu(-[\w.]+)?|cuda|vulkan|metal|hip|sycl|rpc|blas)\.(so|dylib|dll)$/;

/** A folder's files and, for each, the libraries it names (ELF NEEDED, Mach-O load commands, PE imports). */
export interface ResourceListing {
  files: string[];
  needs: Record<string, string[]>;
}

/**
 * What is wrong with a llama-server resource folder, or [] when it holds exactly what it needs:
 * llama-server, every library a program or library in it names that is not the system's, at
 * least one CPU variant for ggml to choose from, and no library nothing uses.
 */
export function llamaServerResourceProblems(listing: ResourceListing): string[] {
  const problems: string[] = [];
  const files = new Set(listing.files);
  if (!files.has('llama-server') && !files.has('llama-server.exe')) problems.push('llama-server is missing');
  const libraries = listing.files.filter((file) => LIBRARY.test(file));
  if (!libraries.some((file) => /^(lib)?ggml-cpu/.test(file))) problems.push('no CPU backend (libggml-cpu*) for ggml to load');
  const named = new Set<string>();
  for (const [file, needs] of Object.entries(listing.needs)) {
    for (const need of needs) {
      if (isSystemLibrary(need)) continue;
      named.add(need);
      if (!files.has(need)) problems.push(`${file} needs ${need}, which is not in the folder`);
    }
  }
  for (const library of libraries) {
    if (!named.has(library) && !LOADED_AT_RUN_TIME.test(library)) problems.push(`${library} is carried but nothing uses it`);
  }
  return problems;
}

/** Lists a built folder: its programs and libraries, each with what it links, read for the given platform. */
export function listResourceFolder(dir: string, format: BinaryFormat = binaryFormatOf(process.platform)): ResourceListing {
  const files = readdirSync(dir).sort();
  const needs: Record<string, string[]> = {};
  for (const file of files) {
    if (PROGRAMS.includes(file.replace(/\.exe$/, '')) || LIBRARY.test(file)) needs[file] = linkedLibraries(path.join(dir, file), format);
  }
  return { files, needs };
}

/**
 * Packaging's own check (forge.config.ts runs it after packaging): the llama-server folder in
 * each packaged app, when the build carried one, must hold what its programs need. Throws with
 * every problem named, so a broken folder fails the build instead of the writer's first compose.
 */
export function checkPackagedLlamaServer(appDirs: string[], platform: string, carried: boolean): string[] {
  const checked: string[] = [];
  for (const appDir of appDirs) {
    const folder = path.join(resourcesDir(appDir, platform), 'llama-server');
    if (!existsSync(folder)) {
      if (carried) throw new Error(`The packaged app has no llama-server folder: ${folder} is missing.`);
      continue;
    }
    const problems = llamaServerResourceProblems(listResourceFolder(folder, binaryFormatOf(platform)));
    if (problems.length > 0) throw new Error(`The packaged llama-server folder ${folder} is not complete:\n- ${problems.join('\n- ')}`);
    checked.push(folder);
  }
  return checked;
}

/** Where the packager puts extra resources: beside the app on Linux and Windows, inside the bundle on macOS. */
export function resourcesDir(appDir: string, platform: string): string {
  if (binaryFormatOf(platform) !== 'mach-o') return path.join(appDir, 'resources');
  const bundle = readdirSync(appDir).find((name) => name.endsWith('.app'));
  return path.join(appDir, bundle ?? 'Folio.app', 'Contents', 'Resources');
}

/** Libraries every system has (or a GPU driver brings): never carried. */
function isSystemLibrary(name: string): boolean {
  return (
    /^(libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|ld-linux[\w-]*|libgomp|libcuda|libcudart|libcublas(Lt)?|libvulkan)\.so/.test(
      name,
    ) ||
    name.startsWith('/usr/lib/') ||
    name.startsWith('/System/') ||
    WINDOWS_SYSTEM_DLL.test(name)
  );
}

/**
 * Windows' own DLLs, the GPU drivers', and the Microsoft C++ runtime (vcruntime, msvcp): the
 * last is not part of Windows itself; it is counted here because the build machines have it, and
 * the installer does not yet bring it (docs/ARCHITECTURE.md, Engine choice).
 */
const WINDOWS_SYSTEM_DLL =
  /^(api-ms-win-[\w-]+|ext-ms-[\w-]+|kernel32|kernelbase|ntdll|user32|gdi32|advapi32|shell32|shlwapi|ole32|oleaut32|comctl32|comdlg32|ws2_32|bcrypt|crypt32|secur32|dbghelp|winmm|version|iphlpapi|userenv|psapi|rpcrt4|setupapi|cfgmgr32|ucrtbase|msvcrt|dxgi|d3d12|opengl32|vulkan-1|nvcuda|cudart64_\d+|cublas(lt)?64_\d+|vcruntime140(_1)?|msvcp140(_\d)?|vcomp140)\.dll$/i;
