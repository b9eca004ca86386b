import { ModelError } from '../../errors';
import type { Backend, BackendChoice } from '../engine';

type LlamaNode = typeof import('@fugood/llama.node');
export type LlamaNodeVariant = 'default' | 'cuda' | 'vulkan';

/**
 * Picks the llama.node build for a backend. 'auto' prefers CUDA, then Vulkan, where a GPU answers;
 * on macOS the default build carries Metal. A forced backend that is not there is an error, not a
 * silent fall-back to the CPU.
 */
export async function pickLlamaNodeVariant(
  binding: LlamaNode,
  choice: BackendChoice,
): Promise<{ variant: LlamaNodeVariant; backend: Backend }> {
  if (choice === 'cpu') return { variant: 'default', backend: 'cpu' };
  if (process.platform === 'darwin') {
    if (choice === 'auto' || choice === 'metal') return { variant: 'default', backend: process.arch === 'arm64' ? 'metal' : 'cpu' };
    throw unavailable(choice);
  }
  if (choice === 'metal') throw unavailable(choice);
  const candidates: Array<'cuda' | 'vulkan'> = choice === 'auto' ? ['cuda', 'vulkan'] : [choice];
  for (const variant of candidates) {
    if (await hasGpu(binding, variant)) return { variant, backend: variant };
  }
  if (choice === 'auto') return { variant: 'default', backend: 'cpu' };
  throw unavailable(choice);
}

async function hasGpu(binding: LlamaNode, variant: 'cuda' | 'vulkan'): Promise<boolean> {
  try {
    if (!(await binding.isLibVariantAvailable(variant))) return false;
    const devices = await binding.getBackendDevicesInfo(variant);
    return devices.some((device) => device.type.toLowerCase() === 'gpu' && device.backend.toLowerCase().includes(variant));
  } catch {
    return false;
  }
}

function unavailable(choice: Backend): ModelError {
  return new ModelError(
    'backend-unavailable',
    `The ${choice.toUpperCase()} backend is not available on this machine. Choose "auto" or "cpu".`,
  );
}
