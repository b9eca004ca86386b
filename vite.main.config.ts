/**
 * Node-side bundles Forge builds into .vite/build as CommonJS: Electron main
 * (electron/app/main.ts) and the model host (native-models/host/host-main.ts, started with
 * utilityProcess.fork). Native bindings and playwright-core stay run-time imports; forge.config.ts
 * copies them into the package.
 */
import { defineConfig } from 'vite';
import { RUNTIME_EXTERNALS } from './packaging/native-packages.ts';
import { importMetaUrlForCommonJs } from './packaging/import-meta-url-for-commonjs.ts';

export default defineConfig({
  plugins: [importMetaUrlForCommonJs()],
  build: {
    rollupOptions: { external: RUNTIME_EXTERNALS },
    sourcemap: true,
  },
});
