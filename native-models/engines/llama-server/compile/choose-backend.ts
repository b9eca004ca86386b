import type { Backend, BackendChoice } from '../../engine';
import { LlamaServerBuildError } from './build-error';
import type { MachineProbe } from './machine-probe';

/**
 * The backend to compile in. 'auto' takes Metal on macOS, else CUDA where its toolkit is
 * installed (and, for a native build, a GPU is visible to compile for), else Vulkan where its
 * SDK is, else the CPU alone. A forced backend whose toolkit is missing is an error (exit 2)
 * naming what to install, never a silent CPU build.
 */
export function chooseBackend(choice: BackendChoice, distributable: boolean, probe: MachineProbe): Backend {
  if (choice === 'auto') {
    if (probe.platform === 'darwin') return 'metal';
    if (probe.findTool('nvcc') && (distributable || probe.hasNvidiaGpu())) return 'cuda';
    if (hasVulkanSdk(probe)) return 'vulkan';
    return 'cpu';
  }
  const missing = missingToolkit(choice, distributable, probe);
  if (missing) throw new LlamaServerBuildError(missing, 2);
  return choice;
}

/** Why the forced backend cannot be built here, or null when it can. */
function missingToolkit(backend: Backend, distributable: boolean, probe: MachineProbe): string | null {
  switch (backend) {
    case 'cpu':
      return null;
    case 'metal':
      return probe.platform === 'darwin' ? null : 'A Metal build needs macOS. Use --backend cpu, cuda or vulkan here.';
    case 'cuda':
      if (!probe.findTool('nvcc')) {
        return `A CUDA build needs the CUDA toolkit (nvcc not found). Install it (${installHint(probe, 'nvidia-cuda-toolkit')}) or put its bin folder on PATH.`;
      }
      if (!distributable && !probe.hasNvidiaGpu()) {
        return 'A native CUDA build compiles for the GPUs it sees, and no NVIDIA GPU is visible. Use --distributable (all GPU generations) or --backend cpu.';
      }
      return null;
    case 'vulkan':
      if (hasVulkanSdk(probe)) return null;
      return `A Vulkan build needs the Vulkan headers and the glslc shader compiler. Install them (${installHint(probe, 'libvulkan-dev glslc')}) or set VULKAN_SDK.`;
  }
}

function hasVulkanSdk(probe: MachineProbe): boolean {
  return probe.findTool('glslc') !== null && probe.hasVulkanHeaders();
}

function installHint(probe: MachineProbe, debianPackages: string): string {
  if (probe.platform === 'darwin') return 'brew install vulkan-headers shaderc';
  if (probe.platform === 'win32') return 'from NVIDIA or LunarG';
  return `apt-get install ${debianPackages}`;
}
