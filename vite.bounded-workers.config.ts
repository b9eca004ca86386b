/**
 * The input-bounded workers (native-models/bounded-worker.ts): the chat template's
 * (native-models/prompts/template-worker.ts) and the Markdown reader's
 * (electron/studio/documents/markdown-worker.ts), started as `template-worker.js` and
 * `markdown-worker.js` beside the main bundle; ES modules like the export worker.
 */
import { defineConfig } from 'vite';
import { RUNTIME_EXTERNALS } from './packaging/native-packages.ts';

export const BOUNDED_WORKERS = {
  'template-worker': 'native-models/prompts/template-worker.ts',
  'markdown-worker': 'electron/studio/documents/markdown-worker.ts',
};

export default defineConfig({
  build: {
    lib: { entry: BOUNDED_WORKERS, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    rollupOptions: { external: RUNTIME_EXTERNALS },
    sourcemap: true,
  },
});
