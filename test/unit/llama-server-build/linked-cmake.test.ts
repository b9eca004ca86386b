import { describe, expect, it } from 'vitest';
import { linkedBuildFlags, linkedCmakeLists } from '../../../native-models/engines/llama-server/compile/linked-cmake';
import type { PrebuiltLibraries } from '../../../native-models/engines/llama-server/compile/prebuilt-libraries';

const prebuilt: PrebuiltLibraries = {
  packageName: '@node-llama-cpp/linux-x64',
  version: '3.21.1',
  dir: '/nm/@node-llama-cpp/linux-x64/bins/linux-x64',
  release: 'v0.4.0',
  libraries: { ggmlBase: 'libggml-base.so', ggml: 'libggml.v0.4.0.so', llama: 'libllama.v0.4.0.so', common: 'libllama-common.so' },
  cpuVariants: ['libggml-cpu-haswell.so'],
  gpuBackends: [],
};

describe('linkedCmakeLists', () => {
  it('imports the prebuilt libraries by file name and compiles everything of ours statically', () => {
    const text = linkedCmakeLists(prebuilt, 'linux');
    expect(text).toContain('folio_prebuilt(llama "libllama.v0.4.0.so")');
    expect(text).toContain('folio_prebuilt(llama-common "libllama-common.so")');
    expect(text).toContain('set(BUILD_SHARED_LIBS OFF)');
    expect(text).toContain('set(CMAKE_INSTALL_RPATH "$ORIGIN")');
    expect(text).not.toMatch(/add_subdirectory\("\$\{LLAMA_SRC\}\/(src|ggml|common)"/);
  });

  it('points macOS programs at their own folder with @loader_path', () => {
    const text = linkedCmakeLists(prebuilt, 'darwin');
    expect(text).toContain('set(CMAKE_INSTALL_RPATH "@loader_path")');
    expect(text).not.toContain('rpath-link');
  });
});

describe('linkedBuildFlags', () => {
  it('changes with the prebuilt package version, so an update builds into a fresh folder', () => {
    expect(linkedBuildFlags(prebuilt)).not.toEqual(linkedBuildFlags({ ...prebuilt, version: '3.22.0' }));
  });
});
