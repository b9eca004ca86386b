import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseBuildPath } from '../../../native-models/engines/llama-server/compile/choose-build-path';
import { exportedFunctions } from '../../../native-models/engines/llama-server/compile/prebuilt-evidence';
import { findPrebuiltLibraries, type PrebuiltLibraries } from '../../../native-models/engines/llama-server/compile/prebuilt-libraries';

const LINUX_FILES = [
  'libggml-base.so',
  'libggml.v0.4.0.so',
  'libllama.v0.4.0.so',
  'libllama-common.so',
  'libggml-cpu-haswell.so',
  'libggml-cpu-sse42.so',
  'llama-addon.node',
];
const METADATA = JSON.stringify({ buildOptions: { llamaCpp: { repo: 'ggml-org/llama.cpp', release: 'v0.4.0' } } });

describe('findPrebuiltLibraries', () => {
  let scope: string;
  beforeEach(async () => {
    scope = await mkdtemp(path.join(os.tmpdir(), 'folio-prebuilt-'));
  });
  afterEach(async () => {
    await rm(scope, { recursive: true, force: true });
  });

  async function fakePackage(name: string, files: string[], base = 'base', metadata = METADATA): Promise<string> {
    const dir = path.join(scope, name, 'bins', name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(scope, name, 'package.json'), JSON.stringify({ name: `@node-llama-cpp/${name}`, version: '3.21.1' }));
    await writeFile(path.join(dir, '_nlcBuildMetadata.json'), metadata);
    for (const file of files) await writeFile(path.join(dir, file), file === 'libggml-base.so' ? base : file);
    return dir;
  }

  it('finds the four libraries to link, every CPU variant and the release', async () => {
    const dir = await fakePackage('linux-x64', LINUX_FILES);
    expect(findPrebuiltLibraries('linux', 'x64', scope)).toEqual({
      found: {
        packageName: '@node-llama-cpp/linux-x64',
        version: '3.21.1',
        dir,
        release: 'v0.4.0',
        libraries: { ggmlBase: 'libggml-base.so', ggml: 'libggml.v0.4.0.so', llama: 'libllama.v0.4.0.so', common: 'libllama-common.so' },
        cpuVariants: ['libggml-cpu-haswell.so', 'libggml-cpu-sse42.so'],
        gpuBackends: [],
      },
    });
  });

  it('takes a GPU backend only from a package whose libggml-base is byte for byte ours', async () => {
    await fakePackage('linux-x64', LINUX_FILES);
    const cuda = await fakePackage('linux-x64-cuda', ['libggml-base.so', 'libggml-cuda.so']);
    await fakePackage('linux-x64-vulkan', ['libggml-base.so', 'libggml-vulkan.so'], 'another build');
    const lookup = findPrebuiltLibraries('linux', 'x64', scope);
    expect('found' in lookup && lookup.found.gpuBackends).toEqual([path.join(cuda, 'libggml-cuda.so')]);
  });

  it('says why when the package is missing, lacks a library, or names no release', async () => {
    expect(findPrebuiltLibraries('linux', 'arm64', scope)).toEqual({
      reason: expect.stringContaining('@node-llama-cpp/linux-arm64 is not installed'),
    });
    await fakePackage(
      'linux-x64',
      LINUX_FILES.filter((file) => file !== 'libllama-common.so'),
    );
    expect(findPrebuiltLibraries('linux', 'x64', scope)).toEqual({
      reason: expect.stringContaining('has no shared libggml-base, libggml, libllama and libllama-common'),
    });
    await fakePackage('mac-arm64-metal', ['libggml-base.dylib', 'libggml.dylib', 'libllama.dylib', 'libllama-common.dylib'], 'base', '{}');
    expect(findPrebuiltLibraries('darwin', 'arm64', scope)).toEqual({
      reason: expect.stringContaining('does not say which llama.cpp release'),
    });
    expect(findPrebuiltLibraries('win32', 'x64', scope)).toEqual({ reason: expect.stringContaining('Windows') });
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'finds node-llama-cpp’s installed package here, whose libllama nm can read',
    async () => {
      const lookup = findPrebuiltLibraries('linux', 'x64');
      expect('found' in lookup).toBe(true);
      const found = (lookup as { found: PrebuiltLibraries }).found;
      expect(found.cpuVariants).toContain('libggml-cpu-haswell.so');
      expect(await exportedFunctions(path.join(found.dir, found.libraries.llama), 'linux')).toContain('llama_model_load_from_file');
    },
  );
});

describe('chooseBuildPath', () => {
  const prebuilt = { found: { packageName: '@node-llama-cpp/linux-x64' } as PrebuiltLibraries };

  it('links whenever the prebuilt libraries are there and nothing forces a source build', () => {
    expect(chooseBuildPath({ fromSource: false, backend: 'auto' }, prebuilt)).toEqual({ kind: 'linked', prebuilt: prebuilt.found });
  });

  it('builds from source, saying why, when asked, when a backend is forced, or without libraries', () => {
    expect(chooseBuildPath({ fromSource: true, backend: 'auto' }, prebuilt)).toEqual({
      kind: 'source',
      reason: '--from-source asked for it',
    });
    expect(chooseBuildPath({ fromSource: false, backend: 'vulkan' }, prebuilt)).toEqual({
      kind: 'source',
      reason: '--backend vulkan compiles that backend in',
    });
    expect(chooseBuildPath({ fromSource: false, backend: 'auto' }, { reason: 'no package' })).toEqual({
      kind: 'source',
      reason: 'no package',
    });
  });
});
