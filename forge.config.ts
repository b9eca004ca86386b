/**
 * Electron Forge configuration. The desktop app (and with it Forge's Vite plugin, makers and
 * fuses) arrives with the desktop-app issue; what is fixed already is below: native bindings
 * stay outside the bundle and are unpacked from the asar, because they load .node files and
 * spawn processes.
 */
interface ForgePackagerConfig {
  asar: { unpack: string };
  executableName: string;
  appBundleId: string;
}

export const NATIVE_PACKAGES = ['node-llama-cpp', '@node-llama-cpp', '@fugood/llama.node', '@fugood'] as const;

const config: { packagerConfig: ForgePackagerConfig } = {
  packagerConfig: {
    asar: { unpack: `**/node_modules/{${NATIVE_PACKAGES.join(',')}}/**` },
    executableName: 'folio',
    appBundleId: 'studio.folio.app',
  },
};

export default config;
