#!/usr/bin/env node
// Compiles the Node side that runs as commands (the `folio` CLI, `npm run serve`, the model host
// and the worker threads) into dist/node/, so they start without compiling TypeScript first.
// Packages stay external (native bindings, and node_modules is there anyway). dist/node/stamp.json
// lists every source file that went in and when the build started: bin/fresh-build.js uses a
// build only while none of them changed since, so a stale build is never run.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// At install (postinstall) esbuild may be missing (production install): the commands then run
// from the TypeScript, as before; nothing fails.
const esbuild = await import('esbuild').catch(() => null);
if (!esbuild) {
  console.log('dist/node not built: esbuild is not installed; folio runs from the TypeScript sources.');
  process.exit(0);
}
const { build } = esbuild;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/node');
const startedAt = Date.now();

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  // Two folders deep, like the sources: paths made from import.meta.url ('../../dist/renderer',
  // '../../test/fixtures/generated') land in the same place. Names match the siblings the code
  // looks for (host-main.js beside fork-transport, export-worker.js beside export-in-worker,
  // picture-embedder-worker.js beside picture-embedder, heic-worker.js beside heic-in-worker,
  // template-worker.js and markdown-worker.js beside whichever chunk holds chat-format and
  // parse-markdown-article).
  entryPoints: {
    cli: 'electron/cli/main.ts',
    serve: 'electron/server/serve-main.ts',
    'host-main': 'native-models/host/host-main.ts',
    'export-worker': 'electron/studio/export/export-worker.ts',
    'picture-embedder-worker': 'electron/studio/library/picture-embedder-worker.ts',
    'heic-worker': 'electron/studio/library/heic/heic-worker.ts',
    // Input-bounded work (native-models/bounded-worker.ts): a model file's chat template, a writer's Markdown.
    'template-worker': 'native-models/prompts/template-worker.ts',
    'markdown-worker': 'electron/studio/documents/markdown-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  metafile: true,
  logLevel: 'warning',
  // Chunks beside the entries: code that finds files from import.meta.url must sit two folders deep.
  chunkNames: 'chunk-[name]-[hash]',
});
const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules'));
writeFileSync(path.join(outdir, 'stamp.json'), JSON.stringify({ startedAt, inputs }, null, 1));
console.log(
  `dist/node: ${Object.keys(result.metafile.outputs).length} files from ${inputs.length} sources in ${Date.now() - startedAt} ms`,
);
