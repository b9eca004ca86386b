// Whether dist/node/ (scripts/build-node.mjs) is up to date with every source file that went
// into it: none changed or vanished since the build started. One stat per source, a few ms.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The compiled file's URL when it may be used, else null (run the TypeScript instead).
 * FOLIO_FROM_SOURCE=1 always runs the TypeScript.
 */
export function freshBuild(file, root = ROOT) {
  if (process.env.FOLIO_FROM_SOURCE) return null;
  try {
    const stamp = JSON.parse(readFileSync(path.join(root, 'dist/node/stamp.json'), 'utf8'));
    for (const input of stamp.inputs) if (statSync(path.join(root, input)).mtimeMs >= stamp.startedAt) return null;
    const compiled = path.join(root, 'dist/node', file);
    statSync(compiled);
    return pathToFileURL(compiled).href;
  } catch {
    return null;
  }
}
