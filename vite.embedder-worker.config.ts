/**
 * The image-embedding worker (electron/studio/library/picture-embedder-worker.ts), started by
 * picture-embedder.ts as `picture-embedder-worker.js` beside the main bundle; an ES module like
 * the export worker (vite.worker.config.ts). onnxruntime-node and sharp stay run-time imports.
 */
import { defineConfig } from 'vite';
import { RUNTIME_EXTERNALS } from './packaging/native-packages.ts';

export default defineConfig({
  build: {
    lib: {
      entry: 'electron/studio/library/picture-embedder-worker.ts',
      formats: ['es'],
      fileName: () => 'picture-embedder-worker.js',
    },
    rollupOptions: { external: RUNTIME_EXTERNALS },
    sourcemap: true,
  },
});
