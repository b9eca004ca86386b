// The renderer: built into dist/renderer, served by Electron (folio://) and the headless server.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/contract/content-security-policy';

/**
 * The built page carries the app's policy in a <meta> too (the answers that serve it carry it as
 * a header). Built files only: the dev server injects inline scripts (React refresh).
 */
function pagePolicy(): Plugin {
  const content = contentSecurityPolicy({ pictureSchemes: ['folio:'], inPage: true });
  return {
    name: 'folio-page-csp',
    apply: 'build',
    // Written as it reads (Vite's tag injection would escape the quotes as &#39;: the same policy to
    // a browser, but not the text a reader or a test greps for). A policy never holds " & or <.
    transformIndexHtml(html) {
      if (/["&<]/.test(content)) throw new Error(`The page's content security policy cannot go into an attribute as it is: ${content}`);
      return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${content}" />`);
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), pagePolicy()],
  resolve: { alias: { '@contract': fileURLToPath(new URL('./electron/contract', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Megabytes of the editor's source: only in a development build (vite build --mode development).
    sourcemap: mode === 'development',
    target: 'chrome128',
  },
}));
