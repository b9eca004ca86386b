#!/usr/bin/env node
// The `folio` command: the compiled CLI (dist/node, `npm run build:node`) when it is up to date
// with its sources, else the TypeScript under plain Node through tsx's loader.
import { freshBuild } from './fresh-build.js';

const compiled = freshBuild('cli.js');
if (compiled) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli/main.ts');
}
