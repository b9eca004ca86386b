/**
 * The shared libraries a program or library names, by the platform's own means: `readelf -d`
 * (ELF NEEDED entries) on Linux, `otool -L` (Mach-O load commands) on macOS, the import tables
 * read from the file on Windows (no tool needed). Names only, as the loader looks them up:
 * macOS's `@rpath/libllama.dylib` becomes `libllama.dylib`; system paths stay whole.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { peImportedDlls } from './pe-imported-dlls';

export type BinaryFormat = 'elf' | 'mach-o' | 'pe';

/** For Node's or the packager's platform name ('mas' is the Mac App Store build). */
export function binaryFormatOf(platform: string): BinaryFormat {
  return platform === 'win32' ? 'pe' : platform === 'darwin' || platform === 'mas' ? 'mach-o' : 'elf';
}

export function linkedLibraries(file: string, format: BinaryFormat): string[] {
  if (format === 'pe') return peImportedDlls(readFileSync(file));
  if (format === 'elf') {
    const dynamic = execFileSync('readelf', ['-d', file], { encoding: 'utf8' });
    return [...dynamic.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((match) => match[1] ?? '');
  }
  return machOLibraries(execFileSync('otool', ['-L', file], { encoding: 'utf8' }), path.basename(file));
}

/**
 * `otool -L` output to library names: the first line names the file; a dylib's own install
 * name (LC_ID_DYLIB) comes first among the rest and is not a dependency.
 */
export function machOLibraries(otoolOutput: string, fileName: string): string[] {
  const names = otoolOutput
    .split('\n')
    .slice(1)
    .map((line) => /^\s+(\S.*?) \(compatibility version/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name))
    .map((name) => (/^@(rpath|loader_path|executable_path)\//.test(name) ? path.posix.basename(name) : name));
  return fileName.endsWith('.dylib') ? names.slice(1) : names;
}
