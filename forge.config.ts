/**
 * Electron Forge configuration. The desktop app (and with it Forge's Vite plugin, makers and
 * fuses) arrives with the desktop-app issue; what is fixed already is below.
 * - Native bindings stay outside the bundle and are unpacked from the asar: they load .node
 *   files and spawn processes.
 * - The packaged app carries a prebuilt llama-server for its platform as a resource folder,
 *   made by `npm run package:llama-server` (all CPU variants, loaded at run time); the engine
 *   finds it under process.resourcesPath/llama-server.
 */
import { existsSync } from 'node:fs';

interface ForgePackagerConfig {
  asar: { unpack: string };
  executableName: string;
  appBundleId: string;
  extraResource: string[];
}

export const NATIVE_PACKAGES = ['node-llama-cpp', '@node-llama-cpp', '@fugood/llama.node', '@fugood', 'better-sqlite3', 'sharp', '@img'] as const;
export const LLAMA_SERVER_RESOURCE = 'out/llama-server';

export function packagerConfig(hasLlamaServer = existsSync(LLAMA_SERVER_RESOURCE)): ForgePackagerConfig {
  return {
    asar: { unpack: `**/node_modules/{${NATIVE_PACKAGES.join(',')}}/**` },
    executableName: 'folio',
    appBundleId: 'studio.folio.app',
    extraResource: hasLlamaServer ? [LLAMA_SERVER_RESOURCE] : [],
  };
}

const config: { packagerConfig: ForgePackagerConfig } = { packagerConfig: packagerConfig() };

export default config;
