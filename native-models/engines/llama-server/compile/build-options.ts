import type { Backend } from '../../engine';

/** How llama-server is compiled. Each distinct set gets its own cache folder. */
export interface LlamaServerBuildOptions {
  /** The one GPU backend compiled in besides the CPU ('cpu' for none). */
  backend: Backend;
  /**
   * Binaries for other machines: every CPU variant loaded at run time instead of this CPU's
   * features. @default false
   */
  distributable: boolean;
  platform: NodeJS.Platform;
  /** x64 instruction-set flags of this CPU, for a local build (see cmake-flags.ts). */
  cpuFlags?: readonly string[];
}

/** A short human name for the options, e.g. 'native-cpu' or 'distributable-cuda'. */
export function optionsLabel(options: LlamaServerBuildOptions): string {
  return `${options.distributable ? 'distributable' : 'native'}-${options.backend}`;
}
