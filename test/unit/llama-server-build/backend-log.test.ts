import { describe, expect, it } from 'vitest';
import { describeBackend, readBackendLog } from '../../../native-models/engines/llama-server/backend-log';

describe('readBackendLog', () => {
  it('reads the CPU variant ggml chose on a machine without a GPU', () => {
    const report = readBackendLog([
      'load_backend: loaded RPC backend from /c/bin/libggml-rpc.so',
      'load_backend: loaded CPU backend from /c/bin/libggml-cpu-sapphirerapids.so',
      'Available devices:',
    ]);
    expect(report).toEqual({ cpuVariant: 'sapphirerapids', loaded: ['RPC', 'CPU'], devices: [], notLoaded: [] });
    expect(describeBackend(report)).toMatch(/^CPU only; CPU variant sapphirerapids/);
  });

  it('reads the GPU backend and the devices it uses, at start and from --list-devices', () => {
    const report = readBackendLog([
      'load_backend: loaded CUDA backend from /app/resources/llama-server/libggml-cuda.so',
      'load_backend: loaded CPU backend from /app/resources/llama-server/libggml-cpu-zen4.so',
      'Available devices:',
      '  CUDA0: NVIDIA H200 (143000 MiB, 142000 MiB free)',
      'llama_model_load_from_file_impl: using device CUDA0 (NVIDIA H200) (0000:00:01.0) - 142000 MiB free',
    ]);
    expect(report).toEqual({ cpuVariant: 'zen4', loaded: ['CUDA', 'CPU'], devices: ['CUDA0'], notLoaded: [] });
    expect(describeBackend(report)).toBe(
      'CUDA on CUDA0; CPU variant zen4 (the best of the variants this processor runs, as ggml scored them)',
    );
  });

  it('names a backend library that failed to load, and a CPU built in (no variant)', () => {
    const report = readBackendLog(['load_backend: failed to load /b/libggml-vulkan.so: libvulkan.so.1: cannot open shared object file']);
    expect(report).toEqual({
      cpuVariant: null,
      loaded: [],
      devices: [],
      notLoaded: [{ library: 'libggml-vulkan.so', why: 'libvulkan.so.1: cannot open shared object file' }],
    });
    expect(describeBackend(report)).toBe('CPU only; libggml-vulkan.so not loaded: libvulkan.so.1: cannot open shared object file');
  });
});
