/**
 * The preload script: one CommonJS file (.vite/build/preload.cjs). A sandboxed preload can
 * require only 'electron' (and a few of its own modules), never a local file, so everything it
 * uses is bundled in and the build fails if anything else would be required at run time.
 */
import { defineConfig, type Plugin } from 'vite';
import { RUNTIME_EXTERNALS } from './packaging/native-packages.ts';

const SANDBOX_REQUIRES = new Set(['electron', 'electron/renderer']);

function sandboxedPreloadOnly(): Plugin {
  return {
    name: 'folio:sandboxed-preload-only',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle);
      if (files.filter((file) => file.type === 'chunk').length !== 1) this.error('The preload must bundle into exactly one file.');
      for (const file of files) {
        if (file.type !== 'chunk') continue;
        const foreign = file.imports.filter((name) => !SANDBOX_REQUIRES.has(name));
        if (foreign.length > 0) this.error(`A sandboxed preload cannot require ${foreign.join(', ')}.`);
      }
    },
  };
}

export default defineConfig({
  plugins: [sandboxedPreloadOnly()],
  build: {
    rollupOptions: { external: RUNTIME_EXTERNALS },
  },
});
