/**
 * The export worker (electron/studio/export/export-worker.ts), started by export-in-worker.ts
 * as `export-worker.js` beside the main bundle. The package is `"type": "module"`, so a `.js`
 * file there is an ES module: this bundle is one, unlike main's CommonJS.
 */
import { defineConfig } from 'vite';
import { RUNTIME_EXTERNALS } from './packaging/native-packages.ts';

export default defineConfig({
  build: {
    lib: { entry: 'electron/studio/export/export-worker.ts', formats: ['es'], fileName: () => 'export-worker.js' },
    rollupOptions: { external: RUNTIME_EXTERNALS },
    sourcemap: true,
  },
});
