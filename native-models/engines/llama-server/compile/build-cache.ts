import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LLAMA_SERVER_TARGETS } from './cmake-flags';
import { llamaServerPatchesId } from '../patches/llama-server-patches';

/** What `stamp.json` in a build's cache folder records once its binaries are in `bin/`. */
export interface BuildStamp {
  tag: string;
  /** Options label, e.g. 'native-cpu'. */
  options: string;
  flags: string[];
  /** The llama.cpp commit built; differs from the tag's when the bundle lacked the tag. */
  commit: string;
  builtFromTag: boolean;
  /** The hash of our source patches built in (llama-server-patches.ts); absent from older builds. */
  patches?: string;
  builtAt: string;
  buildSeconds: number;
  /**
   * 'linked': only the programs compiled, on node-llama-cpp's prebuilt libraries (copied into
   * `bin/`); 'source': all of llama.cpp compiled. Absent from older builds (source).
   */
  path?: 'linked' | 'source';
  /** The prebuilt package a linked build runs on, e.g. '@node-llama-cpp/linux-x64@3.21.1'. */
  prebuilt?: string;
  /** Why a source build was made instead of a linked one. */
  sourceReason?: string;
}

export type BinaryName = (typeof LLAMA_SERVER_TARGETS)[number];

/**
 * The folder holding every llama-server build: `--cache DIR`, else FOLIO_LLAMA_SERVER_CACHE,
 * else `${XDG_CACHE_HOME:-~/.cache}/folio/llama-server`. Always outside the repository.
 */
export function llamaServerCacheRoot(override?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (override) return path.resolve(override);
  if (env.FOLIO_LLAMA_SERVER_CACHE) return path.resolve(env.FOLIO_LLAMA_SERVER_CACHE);
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'folio', 'llama-server');
}

/** `<tag>-<hash of the flags>`: a new tag or any changed flag builds into a fresh folder. */
export function buildCacheKey(tag: string, flags: readonly string[]): string {
  const hash = createHash('sha256').update(JSON.stringify({ tag, flags })).digest('hex').slice(0, 12);
  return `${tag}-${hash}`;
}

/** One build's folder: `src/` (the clone), `build/` (CMake), `bin/` (the binaries), `stamp.json`, `build.log`. */
export function llamaServerBuildDir(root: string, tag: string, flags: readonly string[]): string {
  return path.join(root, buildCacheKey(tag, flags));
}

export function binaryPath(buildDir: string, name: BinaryName, platform: NodeJS.Platform = process.platform): string {
  return path.join(buildDir, 'bin', platform === 'win32' ? `${name}.exe` : name);
}

function stampPath(buildDir: string): string {
  return path.join(buildDir, 'stamp.json');
}

async function readStamp(buildDir: string): Promise<BuildStamp | null> {
  try {
    return JSON.parse(await readFile(stampPath(buildDir), 'utf8')) as BuildStamp;
  } catch {
    return null;
  }
}

export async function writeStamp(buildDir: string, stamp: BuildStamp): Promise<void> {
  await writeFile(stampPath(buildDir), `${JSON.stringify(stamp, null, 2)}\n`);
}

/** Whether a stamp records exactly this tag, options, flags and patches. */
export function stampMatches(
  stamp: BuildStamp | null,
  tag: string,
  options: string,
  flags: readonly string[],
  patches: string = llamaServerPatchesId(),
): stamp is BuildStamp {
  return (
    stamp !== null &&
    stamp.tag === tag &&
    stamp.options === options &&
    stamp.patches === patches &&
    Array.isArray(stamp.flags) &&
    stamp.flags.length === flags.length &&
    stamp.flags.every((flag, index) => flag === flags[index])
  );
}

/**
 * The finished build in this folder, or null: the stamp must match and every binary be in
 * `bin/` (a build interrupted before the copy, or a deleted binary, counts as not built).
 */
export async function completedBuild(
  buildDir: string,
  tag: string,
  options: string,
  flags: readonly string[],
  platform: NodeJS.Platform = process.platform,
): Promise<{ stamp: BuildStamp; binaries: Record<BinaryName, string> } | null> {
  const stamp = await readStamp(buildDir);
  if (!stampMatches(stamp, tag, options, flags)) return null;
  const binaries = Object.fromEntries(LLAMA_SERVER_TARGETS.map((name) => [name, binaryPath(buildDir, name, platform)])) as Record<
    BinaryName,
    string
  >;
  return Object.values(binaries).every((file) => existsSync(file)) ? { stamp, binaries } : null;
}
