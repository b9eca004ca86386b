// The renderer: built into dist/renderer, served by Electron (folio://) and the headless server.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** The dev server injects inline scripts (React refresh); the page's strict CSP is for built files only. */
function relaxCspWhileServing(): Plugin {
  return {
    name: 'folio-relax-csp-while-serving',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
  };
}

export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), relaxCspWhileServing()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Megabytes of the editor's source: only in a development build (vite build --mode development).
    sourcemap: mode === 'development',
    target: 'chrome128',
  },
}));
