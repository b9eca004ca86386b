/**
 * Starts one of the studio's worker threads by its file name beside the caller: the built
 * `.js` (dist/node, the app's bundle) or, running from source (CLI, tests), the `.ts` behind
 * tsx's loader.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `callerUrl`: the caller's import.meta.url; `name`: the worker's file name without extension. */
export function startWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  return new Worker(`import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true,
    workerData,
  });
}

/** tsx's ESM API (its `import` export): import.meta.resolve where the runtime has it, else beside its package.json. */
function tsxApi(): string {
  const resolve = (import.meta as { resolve?: (specifier: string) => string }).resolve;
  if (typeof resolve === 'function') return resolve('tsx/esm/api');
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(path.join(path.dirname(packageJson), 'dist/esm/api/index.mjs')).href;
}
