import { describe, expect, it } from 'vitest';
import { cmakeConfigureFlags } from '../../../native-models/engines/llama-server/compile/cmake-flags';
import { optionsLabel } from '../../../native-models/engines/llama-server/compile/build-options';

describe('cmakeConfigureFlags', () => {
  it('builds a native, static, server-only Release on the CPU', () => {
    const flags = cmakeConfigureFlags({ backend: 'cpu', distributable: false, platform: 'linux' });
    expect(flags).toEqual(
      expect.arrayContaining([
        '-DCMAKE_BUILD_TYPE=Release',
        '-DLLAMA_CURL=OFF',
        '-DLLAMA_OPENSSL=OFF',
        '-DLLAMA_BUILD_TESTS=OFF',
        '-DLLAMA_BUILD_EXAMPLES=OFF',
        '-DLLAMA_BUILD_TOOLS=ON',
        '-DLLAMA_BUILD_SERVER=ON',
        '-DLLAMA_USE_PREBUILT_UI=OFF',
        '-DGGML_NATIVE=ON',
        '-DBUILD_SHARED_LIBS=OFF',
        '-DGGML_CUDA=OFF',
        '-DGGML_VULKAN=OFF',
        '-DGGML_METAL=OFF',
      ]),
    );
    expect(flags.some((flag) => flag.startsWith('-DGGML_BACKEND_DL'))).toBe(false);
  });

  it('turns on exactly the chosen GPU backend', () => {
    for (const backend of ['cuda', 'vulkan', 'metal'] as const) {
      const flags = cmakeConfigureFlags({ backend, distributable: false, platform: backend === 'metal' ? 'darwin' : 'linux' });
      const on = flags.filter((flag) => /^-DGGML_(CUDA|VULKAN|METAL)=ON$/.test(flag));
      expect(on).toEqual([`-DGGML_${backend.toUpperCase()}=ON`]);
    }
  });

  it('turns Metal off for a CPU build on macOS, where ggml enables it by default', () => {
    expect(cmakeConfigureFlags({ backend: 'cpu', distributable: false, platform: 'darwin' })).toContain('-DGGML_METAL=OFF');
  });

  it('makes a distributable build load every CPU variant from shared libraries found beside the binary', () => {
    const flags = cmakeConfigureFlags({ backend: 'cpu', distributable: true, platform: 'linux' });
    expect(flags).toEqual(
      expect.arrayContaining([
        '-DGGML_BACKEND_DL=ON',
        '-DGGML_CPU_ALL_VARIANTS=ON',
        '-DGGML_NATIVE=OFF',
        '-DBUILD_SHARED_LIBS=ON',
        '-DCMAKE_BUILD_RPATH_USE_ORIGIN=ON',
      ]),
    );
    expect(flags).not.toContain('-DGGML_NATIVE=ON');
    expect(flags).not.toContain('-DBUILD_SHARED_LIBS=OFF');
    expect(cmakeConfigureFlags({ backend: 'metal', distributable: true, platform: 'darwin' })).toContain(
      '-DCMAKE_BUILD_RPATH=@loader_path',
    );
  });

  it('names each set of options', () => {
    expect(optionsLabel({ backend: 'cpu', distributable: false, platform: 'linux' })).toBe('native-cpu');
    expect(optionsLabel({ backend: 'cuda', distributable: true, platform: 'linux' })).toBe('distributable-cuda');
  });
});

describe('local CPU flags', () => {
  it('names this CPU features one by one and leaves AMX out', async () => {
    const { localCpuFlags } = await import('../../../native-models/engines/llama-server/compile/cmake-flags');
    const flags = localCpuFlags([
      'avx',
      'avx2',
      'fma',
      'f16c',
      'bmi2',
      'amx_tile',
      'amx_int8',
      'avx512f',
      'avx512cd',
      'avx512vl',
      'avx512dq',
      'avx512bw',
    ]);
    expect(flags).toContain('-DGGML_NATIVE=OFF');
    expect(flags).toContain('-DGGML_AVX2=ON');
    expect(flags).toContain('-DGGML_AVX512=ON');
    expect(flags).toContain('-DGGML_AVX512_VNNI=OFF');
    expect(flags).toContain('-DGGML_AMX_INT8=OFF');
    expect(flags).not.toContain('-DGGML_AMX_INT8=ON');
  });

  it('falls back to the compiler native detection when the flags are unknown', async () => {
    const { localCpuFlags } = await import('../../../native-models/engines/llama-server/compile/cmake-flags');
    expect(localCpuFlags([])).toEqual(['-DGGML_NATIVE=ON']);
  });
});
