/**
 * Which backend a llama-server runs on, read from what ggml and llama.cpp print as it starts.
 * A linked or packaged build chooses at run time (ggml loads every backend library beside the
 * program and keeps the best-scoring CPU variant), so only the log says what was chosen.
 */
export interface BackendReport {
  /** The CPU variant ggml loaded, e.g. 'sapphirerapids'; null for a build with one CPU backend. */
  cpuVariant: string | null;
  /** Backends loaded from libraries, e.g. ['CPU'] or ['CUDA', 'CPU']. */
  loaded: string[];
  /** Devices the model is placed on or that were listed, e.g. ['CUDA0'] (the CPU not counted). */
  devices: string[];
  /** GPU backend libraries that were there but did not load, with the loader's reason. */
  notLoaded: Array<{ library: string; why: string }>;
}

const LOADED = /load_backend: loaded (\S+) backend from (.+)$/;
const FAILED = /failed to load (\S+): (.*)$/;
const NOT_SUPPORTED = /backend (\S+) is not supported on this system/;
// "using device CUDA0 (NVIDIA H200) ..." while loading, or "  CUDA0: NVIDIA H200 (...)" from --list-devices.
const USING_DEVICE = /using device (\S+) \(/;
const LISTED_DEVICE = /^\s+([A-Za-z]+\d+): /;
/** Backends that run on the processor (or over the network), not on a GPU. */
const CPU_SIDE = new Set(['CPU', 'RPC', 'BLAS', 'ZenDNN']);

export function readBackendLog(lines: readonly string[]): BackendReport {
  const report: BackendReport = { cpuVariant: null, loaded: [], devices: [], notLoaded: [] };
  for (const line of lines) {
    const loaded = LOADED.exec(line);
    if (loaded) {
      const [, name = '', file = ''] = loaded;
      if (!report.loaded.includes(name)) report.loaded.push(name);
      const variant = /ggml-cpu-([\w.]+)\.(so|dylib|dll)$/.exec(file.trim());
      if (name === 'CPU' && variant) report.cpuVariant = variant[1] ?? null;
      continue;
    }
    const failed = FAILED.exec(line) ?? NOT_SUPPORTED.exec(line);
    if (failed) {
      report.notLoaded.push({ library: basename(failed[1] ?? ''), why: failed[2]?.trim() || 'not supported on this system' });
      continue;
    }
    const device = USING_DEVICE.exec(line)?.[1] ?? LISTED_DEVICE.exec(line)?.[1];
    if (device && !report.devices.includes(device)) report.devices.push(device);
  }
  return report;
}

/** One line for `folio models verify` and the logs: what runs, and why. */
export function describeBackend(report: BackendReport): string {
  const gpu = report.loaded.filter((name) => !CPU_SIDE.has(name));
  const parts: string[] = [];
  if (report.devices.length > 0) parts.push(`${gpu.join(', ') || 'GPU'} on ${report.devices.join(', ')}`);
  else parts.push(gpu.length > 0 ? `${gpu.join(', ')} loaded, but no GPU device found: CPU only` : 'CPU only');
  if (report.cpuVariant) parts.push(`CPU variant ${report.cpuVariant} (the best of the variants this processor runs, as ggml scored them)`);
  for (const miss of report.notLoaded) parts.push(`${miss.library} not loaded: ${miss.why}`);
  return parts.join('; ');
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
