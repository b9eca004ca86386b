import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Backend } from '../engine';
import { describeBackend, readBackendLog, type BackendReport } from './backend-log';

const GPU_LIBRARY = /^(?:lib)?ggml-(cuda|vulkan|metal|hip|sycl)\.(so|dylib|dll)$/;

/**
 * What this llama-server would run on, without loading a model: `--list-devices` makes ggml load
 * its backends exactly as a start does. GPU backend libraries that sit beside the program but did
 * not load are named (ggml's release build does not say why; usually no driver or runtime).
 */
async function probeServerBackend(server: string): Promise<BackendReport> {
  let output: string;
  try {
    const { stdout, stderr } = await promisify(execFile)(server, ['-lv', '4', '--list-devices'], { timeout: 30_000 });
    output = `${stderr}\n${stdout}`;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    output = `${failed.stderr ?? ''}\n${failed.stdout ?? ''}`;
    if (!output.trim()) throw new Error(`llama-server --list-devices failed: ${failed.message}`, { cause: error });
  }
  const report = readBackendLog(output.split('\n'));
  for (const library of gpuLibrariesBeside(server)) {
    const name = GPU_LIBRARY.exec(library)?.[1]?.toUpperCase() ?? '';
    if (!report.loaded.some((loaded) => loaded.toUpperCase() === name) && !report.notLoaded.some((miss) => miss.library === library)) {
      report.notLoaded.push({ library, why: 'no driver or runtime for it on this machine, it seems' });
    }
  }
  return report;
}

function gpuLibrariesBeside(server: string): string[] {
  try {
    return readdirSync(path.dirname(server)).filter((file) => GPU_LIBRARY.test(file));
  } catch {
    return [];
  }
}

/** The EngineInfo fields llama-server's backend fills in. */
export interface ServerBackendInfo {
  backend: Backend;
  devices: string[];
  cpuVariant?: string;
  backendNote?: string;
}

const BACKEND_OF: Record<string, Backend> = { CUDA: 'cuda', VULKAN: 'vulkan', METAL: 'metal', MTL: 'metal' };

/**
 * What a model loaded on this server runs on: the GPU backend ggml loaded when layers go to the
 * GPU and a device was found, else the CPU, with the CPU variant and a sentence saying why.
 * When the probe fails, the CPU with no note: the server itself will say what is wrong.
 */
export async function serverBackendInfo(server: string, gpuLayers: number): Promise<ServerBackendInfo> {
  let report: BackendReport;
  try {
    report = await probeServerBackend(server);
  } catch {
    return { backend: 'cpu', devices: ['CPU'] };
  }
  // A build with its backend compiled in loads no library; its device names say which (CUDA0, Vulkan0, MTL0).
  const names = [...report.loaded, ...report.devices.map((device) => device.replace(/\d+$/, ''))];
  const gpu = names.map((name) => BACKEND_OF[name.toUpperCase()]).find((backend) => backend !== undefined);
  const onGpu = gpu !== undefined && gpuLayers > 0 && report.devices.length > 0;
  return {
    backend: onGpu ? gpu : 'cpu',
    devices: onGpu ? report.devices : ['CPU'],
    ...(report.cpuVariant ? { cpuVariant: report.cpuVariant } : {}),
    backendNote: describeBackend(report),
  };
}
