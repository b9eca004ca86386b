import type { BuildTool, MachineProbe } from './machine-probe';

const DEBIAN_PACKAGE: Partial<Record<BuildTool, string>> = { cmake: 'cmake', 'c++': 'g++', git: 'git', make: 'make' };
const TOOL_NAME: Partial<Record<BuildTool, string>> = { 'c++': 'a C++ compiler' };

/**
 * One line saying which build tools are missing and how to install them, or null when
 * cmake, git, a C++ compiler and (outside Windows) make are all there.
 */
export function missingBuildTools(probe: MachineProbe): string | null {
  const needed: BuildTool[] = probe.platform === 'win32' ? ['cmake', 'git', 'c++'] : ['cmake', 'git', 'c++', 'make'];
  const missing = needed.filter((tool) => !probe.findTool(tool));
  if (missing.length === 0) return null;
  const names = missing.map((tool) => TOOL_NAME[tool] ?? tool).join(', ');
  return `Building llama-server needs ${names}, not found on PATH. Install: ${installCommand(probe.platform, missing)}`;
}

function installCommand(platform: NodeJS.Platform, missing: BuildTool[]): string {
  if (platform === 'darwin') {
    const steps = missing.some((tool) => tool !== 'cmake') ? ['xcode-select --install'] : [];
    if (missing.includes('cmake')) steps.push('brew install cmake');
    return steps.join(' && ');
  }
  if (platform === 'win32') return 'Visual Studio Build Tools (C++ workload), CMake and Git for Windows';
  return `apt-get install ${missing.map((tool) => DEBIAN_PACKAGE[tool]).join(' ')}`;
}
