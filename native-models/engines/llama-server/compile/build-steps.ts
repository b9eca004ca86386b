import { execFile } from 'node:child_process';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { LlamaServerBuildError } from './build-error';
import type { BuildRequest } from './parse-build-args';
import type { MachineProbe } from './machine-probe';
import { binaryPath, writeStamp, type BuildStamp } from './build-cache';
import { LLAMA_SERVER_TARGETS } from './cmake-flags';
import { llamaServerPatchesId } from '../patches/llama-server-patches';

/** What every build path shares: the request, the machine, and llama.cpp's source bundle. */
export interface BuildContext {
  request: BuildRequest;
  probe: MachineProbe;
  tag: string;
  bundlePath: string;
  /** The cache root holding every build folder. */
  root: string;
}

/** The packaged app carries the programs as a resource folder (see forge.config.ts). */
export async function copyOut(dir: string, out: string | undefined): Promise<void> {
  if (!out) return;
  await rm(out, { recursive: true, force: true });
  await cp(path.join(dir, 'bin'), out, { recursive: true });
  console.log(`Copied to ${out}`);
}

/** Runs `llama-server --version` so a binary that cannot start is caught before it is stamped. */
async function checkRuns(server: string): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(server, ['--version'], { timeout: 30_000 });
    return (stdout + stderr).split('\n').find((line) => line.startsWith('version')) ?? 'version unknown';
  } catch (error) {
    throw new LlamaServerBuildError(`The built llama-server does not start: ${(error as Error).message}`, 1);
  }
}

/** Prints CMake's percentage every tenth, so a quiet build still shows it is alive. */
export function progressPrinter(started: number, verbose: boolean): (line: string) => void {
  let shown = 0;
  return (line) => {
    const percent = Number(/^\[\s*(\d+)%\]/.exec(line)?.[1] ?? NaN);
    if (verbose || !(percent >= shown + 10)) return;
    shown = percent - (percent % 10);
    console.log(`      ${percent}% after ${elapsed(started)}`);
  };
}

function elapsed(since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

/**
 * The last steps of every build path: the server must start, the stamp records what was built
 * (with our patches' hash), the programs are listed and copied out when asked.
 */
export async function finishBuild(
  dir: string,
  build: Pick<BuildStamp, 'tag' | 'options' | 'flags' | 'commit' | 'builtFromTag' | 'path' | 'prebuilt' | 'sourceReason'>,
  started: number,
  out: string | undefined,
  extraLines: readonly string[] = [],
): Promise<void> {
  const version = await checkRuns(binaryPath(dir, 'llama-server'));
  await writeStamp(dir, {
    ...build,
    patches: llamaServerPatchesId(),
    builtAt: new Date().toISOString(),
    buildSeconds: Math.round((Date.now() - started) / 1000),
  });
  console.log(`Built llama-server ${build.tag} (${build.options}) in ${elapsed(started)}: ${version}`);
  for (const name of LLAMA_SERVER_TARGETS) console.log(`  ${binaryPath(dir, name)}`);
  for (const line of extraLines) console.log(`  ${line}`);
  await copyOut(dir, out);
}
