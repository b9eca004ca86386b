import type { LlamaServerBuildOptions } from './build-options';

/** The only targets built: the server, and the two tools the benchmarks run. */
export const LLAMA_SERVER_TARGETS = ['llama-server', 'llama-bench', 'llama-mtmd-cli'] as const;

/**
 * CMake cache flags for a llama.cpp build with these options (names checked against the
 * llama.cpp CMakeLists at node-llama-cpp 3.21.1's release). A local build links statically so the
 * copied binaries need nothing from the build folder; a distributable build must use shared
 * libraries, because GGML_BACKEND_DL loads each backend (and CPU variant) as its own library.
 */
export function cmakeConfigureFlags(options: LlamaServerBuildOptions): string[] {
  const on = (value: boolean): string => (value ? 'ON' : 'OFF');
  const flags = [
    '-DCMAKE_BUILD_TYPE=Release',
    // Deprecated and ignored by recent llama.cpp; older sources would otherwise need libcurl.
    '-DLLAMA_CURL=OFF',
    '-DLLAMA_OPENSSL=OFF',
    '-DLLAMA_BUILD_TESTS=OFF',
    '-DLLAMA_BUILD_EXAMPLES=OFF',
    '-DLLAMA_BUILD_COMMON=ON',
    '-DLLAMA_BUILD_TOOLS=ON',
    '-DLLAMA_BUILD_SERVER=ON',
    // The web UI would be fetched from Hugging Face at build time; Folio talks to the API only.
    '-DLLAMA_BUILD_UI=OFF',
    '-DLLAMA_USE_PREBUILT_UI=OFF',
    `-DGGML_METAL=${on(options.backend === 'metal')}`,
    `-DGGML_CUDA=${on(options.backend === 'cuda')}`,
    `-DGGML_VULKAN=${on(options.backend === 'vulkan')}`,
  ];
  if (!options.distributable) return [...flags, '-DBUILD_SHARED_LIBS=OFF', ...localCpuFlags(options.cpuFlags ?? [])];
  flags.push('-DBUILD_SHARED_LIBS=ON', '-DGGML_BACKEND_DL=ON', '-DGGML_CPU_ALL_VARIANTS=ON', '-DGGML_NATIVE=OFF');
  // The binaries find their libraries beside them once copied out of the build folder.
  if (options.platform === 'darwin') flags.push('-DCMAKE_BUILD_RPATH=@loader_path');
  else if (options.platform !== 'win32') flags.push('-DCMAKE_BUILD_RPATH_USE_ORIGIN=ON');
  return flags;
}

/**
 * This CPU's features, named one by one instead of -march=native, with AMX left out: ggml's
 * AMX kernels crashed (SIGSEGV in ggml_backend_amx_mul_mat) on a Q8_0 model on an AMX-capable
 * x64 machine here, where AMX tiles may not be granted to the process. Without known flags
 * (other platforms), the compiler's native detection is used.
 */
export function localCpuFlags(cpuFlags: readonly string[]): string[] {
  if (cpuFlags.length === 0) return ['-DGGML_NATIVE=ON'];
  const has = new Set(cpuFlags);
  const feature = (name: string, ...flags: string[]): string => `-DGGML_${name}=${flags.every((flag) => has.has(flag)) ? 'ON' : 'OFF'}`;
  return [
    '-DGGML_NATIVE=OFF',
    feature('AVX', 'avx'),
    feature('AVX2', 'avx2'),
    feature('BMI2', 'bmi2'),
    feature('FMA', 'fma'),
    feature('F16C', 'f16c'),
    feature('AVX_VNNI', 'avx_vnni'),
    feature('AVX512', 'avx512f', 'avx512cd', 'avx512vl', 'avx512dq', 'avx512bw'),
    feature('AVX512_VBMI', 'avx512vbmi'),
    feature('AVX512_VNNI', 'avx512_vnni'),
    feature('AVX512_BF16', 'avx512_bf16'),
    '-DGGML_AMX_TILE=OFF',
    '-DGGML_AMX_INT8=OFF',
    '-DGGML_AMX_BF16=OFF',
  ];
}
