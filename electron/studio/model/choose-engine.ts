import { existsSync } from 'node:fs';
import type { BackendChoice, EngineKind } from '../../../native-models/engines/engine';
import { findLlamaServerBinary, type LlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';

/**
 * The engine for this machine when the writer has not picked one: llama-server wherever it is
 * built, since it alone takes images, grammars, exact prompts and adapters on image chunks, and
 * (linked on node-llama-cpp's libraries, or packaged) picks the best CPU variant or GPU when it
 * starts. The one exception is a build compiled for this CPU alone ('native-cpu', the source
 * fallback) on a machine that likely has a GPU, which the bindings would use. Without a build:
 * llama.node for images, node-llama-cpp for text.
 */
export async function chooseEngine(
  options: { projectorPath?: string; backend?: BackendChoice },
  findServer: () => Promise<LlamaServerBinary | null> = findLlamaServerBinary,
  gpuLikely: (backend: BackendChoice | undefined) => boolean = likelyGpu,
): Promise<EngineKind> {
  const server = await findServer();
  if (server && !(server.options === 'native-cpu' && gpuLikely(options.backend))) return 'llama-server';
  return options.projectorPath ? 'llama-node' : 'node-llama-cpp';
}

/** A cheap guess made without loading any native code (that happens only in the model host). */
function likelyGpu(backend: BackendChoice | undefined): boolean {
  if (backend === 'cpu') return false;
  if (backend && backend !== 'auto') return true;
  if (process.platform === 'darwin') return process.arch === 'arm64';
  return existsSync('/proc/driver/nvidia/version') || existsSync('/dev/dri/renderD128');
}
