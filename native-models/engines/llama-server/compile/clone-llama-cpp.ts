import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LlamaServerPatch } from '../patches/llama-server-patch';
import { runBuildStep, type BuildStepOptions } from './run-build-step';

const run = promisify(execFile);

export interface ClonedSource {
  commit: string;
  /** False when the bundle lacked the tag and its HEAD was checked out instead. */
  atTag: boolean;
}

/**
 * Clones node-llama-cpp's llama.cpp bundle into `srcDir` (kept between runs) and checks out the
 * tag, or the bundle's HEAD when the bundle does not carry the tag. The clone lands in a
 * side folder first, so an interrupted clone is never mistaken for a finished one.
 */
export async function cloneLlamaCpp(
  bundlePath: string,
  tag: string,
  srcDir: string,
  step: Omit<BuildStepOptions, 'cwd'>,
): Promise<ClonedSource> {
  if (!existsSync(path.join(srcDir, '.git'))) {
    const partial = `${srcDir}.partial`;
    await rm(partial, { recursive: true, force: true });
    await runBuildStep('git clone', 'git', ['clone', '--quiet', bundlePath, partial], { ...step, cwd: path.dirname(srcDir) });
    await rename(partial, srcDir);
  }
  const tagCommit = await git(srcDir, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`]).catch(() => null);
  if (tagCommit) {
    await runBuildStep('git checkout', 'git', ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', tagCommit], {
      ...step,
      cwd: srcDir,
    });
  }
  return { commit: await git(srcDir, ['rev-parse', 'HEAD']), atTag: tagCommit !== null };
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd });
  return stdout.trim();
}

/**
 * Puts the checked-out source back as released, then applies our patches in order. Only files a
 * patch touches change, so a kept build folder recompiles just those.
 */
export async function applyPatches(
  srcDir: string,
  patches: readonly LlamaServerPatch[],
  step: Omit<BuildStepOptions, 'cwd'>,
): Promise<void> {
  await runBuildStep('git checkout (undo earlier patches)', 'git', ['checkout', '--quiet', '--', '.'], { ...step, cwd: srcDir });
  for (const patch of patches) {
    const file = path.join(path.dirname(srcDir), `${patch.name}.patch`);
    await writeFile(file, patch.diff);
    await runBuildStep(`git apply ${patch.name}`, 'git', ['apply', file], { ...step, cwd: srcDir });
  }
}
