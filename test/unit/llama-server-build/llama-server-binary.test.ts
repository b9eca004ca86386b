import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { optionsLabel } from '../../../native-models/engines/llama-server/compile/build-options';
import { writeStamp } from '../../../native-models/engines/llama-server/compile/build-cache';
import { llamaServerPatchesId } from '../../../native-models/engines/llama-server/patches/llama-server-patches';
import { chooseBackend } from '../../../native-models/engines/llama-server/compile/choose-backend';
import { cmakeConfigureFlags } from '../../../native-models/engines/llama-server/compile/cmake-flags';
import { readLlamaCppRelease } from '../../../native-models/engines/llama-server/compile/llama-cpp-release';
import { llamaServerBuildDir } from '../../../native-models/engines/llama-server/compile/build-cache';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import { probeMachine } from '../../../native-models/engines/llama-server/compile/machine-probe';

describe.skipIf(process.platform === 'win32')('findLlamaServerBinary', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'folio-find-server-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function binaries(folder: string, names: string[]): Promise<void> {
    await mkdir(folder, { recursive: true });
    for (const name of names) {
      await writeFile(path.join(folder, name), '#!/bin/sh\n');
      await chmod(path.join(folder, name), 0o755);
    }
  }

  it('returns null when nothing is built in the cache', async () => {
    expect(await findLlamaServerBinary({ ...process.env, FOLIO_LLAMA_SERVER_CACHE: dir, FOLIO_LLAMA_SERVER_BIN: '' })).toBeNull();
  });

  it('returns the build made with the default options for this machine', async () => {
    const env = { ...process.env, FOLIO_LLAMA_SERVER_CACHE: dir, FOLIO_LLAMA_SERVER_BIN: '' };
    const probe = probeMachine(env);
    const options = {
      backend: chooseBackend('auto', false, probe),
      distributable: false,
      platform: probe.platform,
      cpuFlags: probe.cpuFlags?.() ?? [],
    };
    const flags = cmakeConfigureFlags(options);
    const { tag } = await readLlamaCppRelease();
    const buildDir = llamaServerBuildDir(dir, tag, flags);
    await binaries(path.join(buildDir, 'bin'), ['llama-server', 'llama-bench', 'llama-mtmd-cli']);
    await writeStamp(buildDir, {
      tag,
      options: optionsLabel(options),
      flags,
      commit: 'abc',
      builtFromTag: false,
      patches: llamaServerPatchesId(),
      builtAt: '',
      buildSeconds: 0,
    });
    expect(await findLlamaServerBinary(env)).toEqual({
      server: path.join(buildDir, 'bin', 'llama-server'),
      bench: path.join(buildDir, 'bin', 'llama-bench'),
      mtmdCli: path.join(buildDir, 'bin', 'llama-mtmd-cli'),
      tag,
      options: optionsLabel(options),
    });
  });

  it('uses FOLIO_LLAMA_SERVER_BIN, with the tools beside it when they are there', async () => {
    await binaries(dir, ['llama-server', 'llama-bench']);
    const found = await findLlamaServerBinary({ FOLIO_LLAMA_SERVER_BIN: path.join(dir, 'llama-server') });
    expect(found).toEqual({
      server: path.join(dir, 'llama-server'),
      bench: path.join(dir, 'llama-bench'),
      mtmdCli: null,
      tag: 'external',
      options: 'external',
    });
  });

  it('refuses a FOLIO_LLAMA_SERVER_BIN that names no file', async () => {
    await expect(findLlamaServerBinary({ FOLIO_LLAMA_SERVER_BIN: path.join(dir, 'missing') })).rejects.toThrow(
      /FOLIO_LLAMA_SERVER_BIN points to/,
    );
  });
});
