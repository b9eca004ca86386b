/**
 * The export worker (electron/studio/export/export-worker.ts), started by export-in-worker.ts
 * as `export-worker.js` beside the main bundle. The package is `"type": "module"`, so a `.js`
 * file there is an ES module: this bundle is one, unlike main's CommonJS.
 */
import { defineConfig, type UserConfig } from 'vite';
import { RUNTIME_EXTERNALS } from './packaging/native-packages.ts';

/** A worker thread's bundle: `fileName` beside main's, where start-worker.ts looks. */
export function workerBundle(entry: string, fileName: string): UserConfig {
  return defineConfig({
    build: {
      lib: { entry, formats: ['es'], fileName: () => fileName },
      rollupOptions: { external: RUNTIME_EXTERNALS },
      sourcemap: true,
    },
  });
}

export default workerBundle('electron/studio/export/export-worker.ts', 'export-worker.js');
