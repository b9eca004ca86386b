#!/usr/bin/env node
// `npm run serve`: the compiled server (dist/node, `npm run build:node`) when it is up to date
// with its sources, else the TypeScript under plain Node through tsx's loader.
import { freshBuild } from './fresh-build.js';

const compiled = freshBuild('serve.js');
if (compiled) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/server/serve-main.ts');
}
