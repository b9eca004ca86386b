import type { BuildTool, MachineProbe } from '../../../native-models/engines/llama-server/compile/machine-probe';

/** A machine with exactly these tools, headers and GPUs. */
export function fakeProbe(
  platform: NodeJS.Platform,
  tools: BuildTool[],
  extra: { vulkanHeaders?: boolean; nvidiaGpu?: boolean } = {},
): MachineProbe {
  return {
    platform,
    findTool: (tool) => (tools.includes(tool) ? `/usr/bin/${tool}` : null),
    hasVulkanHeaders: () => extra.vulkanHeaders ?? false,
    hasNvidiaGpu: () => extra.nvidiaGpu ?? false,
  };
}

export const BASIC_TOOLS: BuildTool[] = ['cmake', 'git', 'c++', 'make'];
