/**
 * Starts one of Folio's worker threads by its file name beside the caller: `name.js` next to a
 * bundle (dist/node, Electron's .vite/build, where the build put it), or `name.ts` through tsx's
 * loader when running from the sources (the CLI in development, the tests). Here, below the
 * studio, so the model layer's workers (a chat template's) start the same way as the studio's.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `callerUrl`: the caller's import.meta.url; `name`: the worker's file name without extension. */
export function startWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  return new Worker(`import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, {
    ...options,
    eval: true,
  });
}

/** tsx's ESM API (its `import` export): import.meta.resolve where the runtime has it, else beside its package.json. */
function tsxApi(): string {
  const resolve = (import.meta as { resolve?: (specifier: string) => string }).resolve;
  if (typeof resolve === 'function') return resolve('tsx/esm/api');
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(path.join(path.dirname(packageJson), 'dist/esm/api/index.mjs')).href;
}
