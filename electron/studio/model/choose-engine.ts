import { existsSync } from 'node:fs';
import type { BackendChoice, EngineKind } from '../../../native-models/engines/engine';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/build/llama-server-binary';

/**
 * The engine for this machine when the writer has not picked one. On x64 without a GPU the
 * prebuilt llama.node binaries lack AVX (measured: 2.7x slower decode, 7x slower prompts,
 * 60x slower image encoding than llama.cpp's own build), so llama-server wins when it is built.
 * Otherwise llama.node for images, node-llama-cpp for text.
 */
export async function chooseEngine(options: { projectorPath?: string; backend?: BackendChoice }): Promise<EngineKind> {
  if (process.arch === 'x64' && !likelyGpu(options.backend) && (await findLlamaServerBinary())) return 'llama-server';
  return options.projectorPath ? 'llama-node' : 'node-llama-cpp';
}

/** A cheap guess made without loading any native code (that happens only in the model host). */
function likelyGpu(backend: BackendChoice | undefined): boolean {
  if (backend === 'cpu') return false;
  if (backend && backend !== 'auto') return true;
  if (process.platform === 'darwin') return process.arch === 'arm64';
  return existsSync('/proc/driver/nvidia/version') || existsSync('/dev/dri/renderD128');
}
