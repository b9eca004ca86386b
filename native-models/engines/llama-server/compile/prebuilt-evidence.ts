import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { nodeLlamaCppLlamaDir } from './llama-cpp-release';
import type { MatchEvidence } from './prebuilt-match';
import type { PrebuiltLibraries } from './prebuilt-libraries';

const run = promisify(execFile);

/** The ggml headers whose functions llama-server and mtmd call into libggml-base and libggml. */
const GGML_HEADERS = ['ggml.h', 'ggml-alloc.h', 'ggml-backend.h', 'gguf.h'];

/** Reads what prebuiltMismatch compares, from the checked-out source and the installed package. */
export async function readMatchEvidence(
  prebuilt: PrebuiltLibraries,
  srcDir: string,
  sourceTag: string,
  platform: NodeJS.Platform = process.platform,
): Promise<MatchEvidence> {
  const library = (name: string): string => path.join(prebuilt.dir, name);
  const [llamaExports, ggmlBaseExports, ggmlExports] = await Promise.all([
    exportedFunctions(library(prebuilt.libraries.llama), platform),
    exportedFunctions(library(prebuilt.libraries.ggmlBase), platform),
    exportedFunctions(library(prebuilt.libraries.ggml), platform),
  ]);
  return {
    sourceTag,
    prebuiltRelease: prebuilt.release,
    nodeLlamaCppVersion: await nodeLlamaCppVersion(),
    prebuiltVersion: prebuilt.version,
    llamaHeader: await readFile(path.join(srcDir, 'include', 'llama.h'), 'utf8'),
    llamaExports,
    ggmlHeaders: await Promise.all(GGML_HEADERS.map((name) => readFile(path.join(srcDir, 'ggml', 'include', name), 'utf8'))),
    ggmlExports: [...ggmlBaseExports, ...ggmlExports],
  };
}

/**
 * The functions a shared library exports, through `nm` (binutils on Linux, Xcode's on macOS,
 * where C names carry a leading underscore). Throws when nm cannot read it.
 */
export async function exportedFunctions(library: string, platform: NodeJS.Platform = process.platform): Promise<string[]> {
  const args = platform === 'darwin' ? ['-gU', library] : ['-D', '--defined-only', library];
  const { stdout } = await run('nm', args, { maxBuffer: 64 * 1024 * 1024 });
  const names: string[] = [];
  for (const line of stdout.split('\n')) {
    const [, type, name] = line.trim().split(/\s+/);
    if (!name || (type !== 'T' && type !== 'W')) continue;
    names.push(platform === 'darwin' && name.startsWith('_') ? name.slice(1) : name);
  }
  return names;
}

async function nodeLlamaCppVersion(): Promise<string> {
  const file = path.join(path.dirname(nodeLlamaCppLlamaDir()), 'package.json');
  return (JSON.parse(await readFile(file, 'utf8')) as { version: string }).version;
}
