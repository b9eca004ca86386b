import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The programs the packaged llama-server folder carries; the engine needs the first. */
const PROGRAMS = ['llama-server', 'llama-bench', 'llama-mtmd-cli', 'llama-quantize'];
/** Libraries ggml opens itself at run time, so no program names them: CPU variants and GPU backends. */
const LOADED_AT_RUN_TIME = /^libggml-(cpu(-[\w.]+)?|cuda|vulkan|metal|hip|sycl|rpc|blas)\.(so|dylib)$/;

/** A folder's files and, for each, the libraries it names (ELF NEEDED / Mach-O load commands). */
export interface ResourceListing {
  files: string[];
  needs: Record<string, string[]>;
}

/**
 * What is wrong with a llama-server resource folder for Linux or macOS, or [] when it holds
 * exactly what it needs: llama-server, every library a program or library in it names that is
 * not the system's, at least one CPU variant for ggml to choose from, and no library nothing uses.
 */
export function llamaServerResourceProblems(listing: ResourceListing): string[] {
  const problems: string[] = [];
  const files = new Set(listing.files);
  if (!files.has('llama-server')) problems.push('llama-server is missing');
  const libraries = listing.files.filter((file) => /\.(so|dylib)$/.test(file));
  if (!libraries.some((file) => /^libggml-cpu/.test(file))) problems.push('no CPU backend (libggml-cpu*) for ggml to load');
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

/** Lists a built folder with `readelf -d` (Linux); the programs and libraries in it only. */
export function listResourceFolder(dir: string): ResourceListing {
  const files = readdirSync(dir).sort();
  const needs: Record<string, string[]> = {};
  for (const file of files) {
    if (!PROGRAMS.includes(file) && !/\.so$/.test(file)) continue;
    const dynamic = execFileSync('readelf', ['-d', path.join(dir, file)], { encoding: 'utf8' });
    needs[file] = [...dynamic.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((match) => match[1] ?? '');
  }
  return { files, needs };
}

/** Libraries every Linux or macOS system has, or a GPU driver brings: never carried. */
function isSystemLibrary(name: string): boolean {
  return (
    /^(libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|ld-linux[\w-]*|libgomp|libcuda|libcudart|libcublas(Lt)?|libvulkan)\.so/.test(
      name,
    ) ||
    name.startsWith('/usr/lib/') ||
    name.startsWith('/System/')
  );
}
