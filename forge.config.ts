/**
 * Electron Forge configuration: how the desktop app is built, packaged and made into installers.
 * - Vite builds main, the preload, the model host and the workers into .vite/build, and
 *   the renderer (the renderer's own vite.renderer.config.ts) into dist/renderer.
 * - Native bindings stay outside the bundles and are unpacked from the asar: they load .node
 *   files and spawn processes. Forge's Vite plugin packages only .vite/, so `packageFilter`
 *   keeps the runtime packages' folders too (packaging/runtime-modules.ts), and after pruning
 *   only the target platform's binary packages are left (packaging/prune-foreign-binaries.ts).
 * - The packaged app carries a prebuilt llama-server for its platform as a resource folder,
 *   made by `npm run package:llama-server`: the linked build's programs with node-llama-cpp's
 *   libraries, every CPU variant and the GPU backends, loaded at run time; the engine finds it
 *   under process.resourcesPath/llama-server. After packaging, the postPackage hook checks the
 *   packaged folder holds what its programs link (packaging/llama-server-resource.ts) and fails
 *   the build otherwise.
 * - Fuses: no running as plain Node, no NODE_OPTIONS or --inspect, the app only from its asar,
 *   whose integrity is checked, and cookies encrypted.
 * - The app's icon (assets/, drawn in icon.svg, every size made by scripts/make-icons.ts): the
 *   packager takes icon.icns (macOS) or icon.ico (Windows) from APP_ICON, the AppImage the PNG
 *   set in assets/icons, the NSIS installer icon.ico.
 * Nothing here imports 'electron': the config loads under plain Node (its test does).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { ElectronBuilderMaker } from './packaging/electron-builder-maker';
import { checkPackagedLlamaServer } from './packaging/llama-server-resource';
import { BOUNDED_WORKERS } from './vite.bounded-workers.config';
import { NATIVE_PACKAGES } from './packaging/native-packages';
import { pruneForeignBinaries } from './packaging/prune-foreign-binaries';
import { packageFilter, runtimeModuleFolders } from './packaging/runtime-modules';

export { NATIVE_PACKAGES };
export const LLAMA_SERVER_RESOURCE = 'out/llama-server';
/** Without an extension, as the packager wants it: it adds .icns or .ico for the platform. */
export const APP_ICON = 'assets/icon';
export const LINUX_ICON_SET = 'assets/icons';
export const WINDOWS_ICON = 'assets/icon.ico';
const PROJECT_DIR = fileURLToPath(new URL('.', import.meta.url));

interface ForgePackagerConfig {
  asar: { unpack: string };
  executableName: string;
  appBundleId: string;
  icon: string;
  extraResource: string[];
  ignore: (file: string) => boolean;
}

export function packagerConfig(hasLlamaServer = existsSync(LLAMA_SERVER_RESOURCE), projectDir = PROJECT_DIR): ForgePackagerConfig {
  let filter: ((file: string) => boolean) | null = null;
  return {
    asar: { unpack: `**/node_modules/{${NATIVE_PACKAGES.join(',')}}/**` },
    executableName: 'folio',
    appBundleId: 'studio.folio.app',
    icon: APP_ICON,
    extraResource: hasLlamaServer ? [LLAMA_SERVER_RESOURCE] : [],
    // Worked out on first use, when packaging starts, from the installed node_modules.
    ignore: (file) => (filter ??= packageFilter(runtimeModuleFolders(projectDir)))(file),
  };
}

/** Forge's Vite plugin: what it builds, each with its Vite config. */
export const VITE_BUILD = {
  build: [
    { entry: 'electron/app/main.ts', config: 'vite.main.config.ts', target: 'main' as const },
    { entry: 'electron/app/preload.ts', config: 'vite.preload.config.ts', target: 'preload' as const },
    { entry: 'native-models/host/host-main.ts', config: 'vite.main.config.ts', target: 'main' as const },
    { entry: 'electron/studio/export/export-worker.ts', config: 'vite.worker.config.ts', target: 'main' as const },
    { entry: 'electron/studio/library/picture-embedder-worker.ts', config: 'vite.embedder-worker.config.ts', target: 'main' as const },
    { entry: 'electron/studio/library/heic/heic-worker.ts', config: 'vite.heic-worker.config.ts', target: 'main' as const },
    { entry: BOUNDED_WORKERS, config: 'vite.bounded-workers.config.ts', target: 'main' as const },
  ],
  renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
};

export const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
} as const;

const config: ForgeConfig = {
  packagerConfig: packagerConfig(),
  makers: [
    new ElectronBuilderMaker({ target: 'appimage', icon: LINUX_ICON_SET }, ['linux']),
    new ElectronBuilderMaker({ target: 'nsis', icon: WINDOWS_ICON }, ['win32']),
    // macOS; on Linux a plain zip of the app beside the AppImage, for systems without FUSE.
    new MakerZIP({}, ['darwin', 'linux']),
  ],
  plugins: [new VitePlugin(VITE_BUILD), new FusesPlugin(FUSES)],
  hooks: {
    packageAfterPrune: async (_forgeConfig, buildPath, _electronVersion, platform, arch) => {
      const removed = pruneForeignBinaries(buildPath, platform, arch);
      if (removed.length > 0) console.log(`Left out other platforms' binaries: ${removed.join(', ')}`);
    },
    postPackage: async (_forgeConfig, { outputPaths, platform }) => {
      const checked = checkPackagedLlamaServer(outputPaths, platform, existsSync(LLAMA_SERVER_RESOURCE));
      console.log(
        checked.length > 0
          ? `llama-server folder checked: ${checked.join(', ')}`
          : 'Packaged without llama-server (npm run package:llama-server first): the app will use the llama.node engine.',
      );
    },
  },
};

export default config;
