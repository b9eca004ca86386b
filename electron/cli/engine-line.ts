import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { serverBackendInfo } from '../../native-models/engines/llama-server/server-backend';

/**
 * What `folio models verify` says about the engine a model would run on: the llama-server build
 * and what ggml chooses on this machine (backend, CPU variant, GPU backends that did not load),
 * or which engine is used instead when there is no build.
 */
export async function engineLine(): Promise<string> {
  const found = await findLlamaServerBinary().catch(() => null);
  if (!found) return 'llama-server is not built here (npm run build:llama-server); llama.node reads pictures, node-llama-cpp text';
  // As if every layer could go to a GPU: a GPU is reported whenever ggml would use one.
  const info = await serverBackendInfo(found.server, 1);
  return `llama-server (${found.options} build): ${info.backendNote ?? info.backend}`;
}
