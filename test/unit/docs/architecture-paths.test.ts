/**
 * docs/ARCHITECTURE.md is where a newcomer looks first, so every source file and folder it names
 * must exist: a moved or renamed file fails here until the document follows. Checked: `code`
 * spans that are a path under a source folder ending in a source extension or `/`, and bare
 * source file names (`load-plan.ts`), which must exist somewhere in the tree.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const SOURCE_ROOT = /^(electron|native-models|renderer|bench|scripts|test|bin|packaging)\//;
const SOURCE_FILE = /.\.(ts|tsx|cjs|mjs)$/;
const NOT_SOURCE = new Set(['node_modules', '.git', 'dist', 'out', '.vite', 'generated', 'artifacts']);
/** Folders the tests write into (screenshots): named by the document, absent until a test has run. */
const OUTPUT_FOLDER = /^test\/artifacts(\/|$)/;

/** The paths a document names in `code` spans, with `(…)`, `:line` and a trailing slash trimmed off. */
function namedPaths(markdown: string): { paths: string[]; fileNames: string[] } {
  const paths = new Set<string>();
  const fileNames = new Set<string>();
  for (const [, code = ''] of markdown.matchAll(/`([^`\s]+)`/g)) {
    if (/[<*…]/.test(code)) continue;
    const token = code.replace(/[(:].*$/, '');
    if (OUTPUT_FOLDER.test(token)) continue;
    if (SOURCE_ROOT.test(token) && (SOURCE_FILE.test(token) || token.endsWith('/'))) paths.add(token.replace(/\/$/, ''));
    else if (!token.includes('/') && SOURCE_FILE.test(token)) fileNames.add(token);
  }
  return { paths: [...paths], fileNames: [...fileNames] };
}

function fileNamesIn(folder: string, found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (NOT_SOURCE.has(entry.name)) continue;
    if (entry.isDirectory()) fileNamesIn(join(folder, entry.name), found);
    else found.add(entry.name);
  }
  return found;
}

describe('docs/ARCHITECTURE.md', () => {
  const { paths, fileNames } = namedPaths(readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8'));

  it('names only source paths that exist', () => {
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  it('names only source files that exist somewhere in the tree', () => {
    const present = fileNamesIn(root);
    expect(fileNames.length).toBeGreaterThan(20);
    expect(fileNames.filter((name) => !present.has(name))).toEqual([]);
  });

  it('would notice a path that does not exist', () => {
    const { paths: named, fileNames: names } = namedPaths('See `electron/studio/gone-away.ts`, `renderer/src/nowhere/` and `vanished.ts`.');
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual(['electron/studio/gone-away.ts', 'renderer/src/nowhere']);
    expect(names).toEqual(['vanished.ts']);
  });
});
