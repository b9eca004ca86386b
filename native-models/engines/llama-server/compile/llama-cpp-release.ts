import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The llama.cpp source that the installed node-llama-cpp carries. */
export interface LlamaCppRelease {
  /** The llama.cpp release tag node-llama-cpp was made from, e.g. 'b6100'. */
  tag: string;
  /** A git bundle of that llama.cpp source. */
  bundlePath: string;
}

/** node-llama-cpp's `llama/` folder, which holds `llama.cpp.info.json` and `gitRelease.bundle`. */
export function nodeLlamaCppLlamaDir(): string {
  const entry = createRequire(import.meta.url).resolve('node-llama-cpp');
  // entry is <package>/dist/index.js
  return path.join(path.dirname(path.dirname(entry)), 'llama');
}

/** Reads the release tag from `llama.cpp.info.json` in node-llama-cpp's `llama/` folder. */
export async function readLlamaCppRelease(llamaDir: string = nodeLlamaCppLlamaDir()): Promise<LlamaCppRelease> {
  const infoPath = path.join(llamaDir, 'llama.cpp.info.json');
  let info: unknown;
  try {
    info = JSON.parse(await readFile(infoPath, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the llama.cpp release of node-llama-cpp (${infoPath}): ${(error as Error).message}. Run npm install.`, {
      cause: error,
    });
  }
  const tag = (info as { tag?: unknown } | null)?.tag;
  if (typeof tag !== 'string' || !/^[\w.-]+$/.test(tag)) {
    throw new Error(`${infoPath} has no usable "tag" (got ${JSON.stringify(tag)}).`);
  }
  return { tag, bundlePath: path.join(llamaDir, 'gitRelease.bundle') };
}
