/**
 * knip.jsonc (run by `npm run lint` as `npm run knip`): a small tree shaped like the real one,
 * in a temp folder, with the project's own configuration. An export nothing imports, a file
 * nothing reaches and a package nothing uses are reported; the same tree without them passes.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const knip = join(root, 'node_modules/.bin/knip');

let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

/** The CLI entry and one studio file it imports, plus whatever a case adds. */
function unusedIn(files: Record<string, string>, dependencies: Record<string, string> = {}): { code: number | null; report: string } {
  const folder = mkdtempSync(join(tmpdir(), 'folio-knip-'));
  folders.push(folder);
  copyFileSync(join(root, 'knip.jsonc'), join(folder, 'knip.jsonc'));
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'sample', private: true, type: 'module', dependencies }));
  writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }));
  const tree: Record<string, string> = {
    'electron/cli/main.ts': "import { countWords } from '../studio/count-words';\nconsole.log(countWords('a b'));\n",
    'electron/studio/count-words.ts': 'export function countWords(text: string): number {\n  return text.split(/\\s+/).length;\n}\n',
    ...files,
  };
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const run = spawnSync(knip, ['--no-progress', '--no-config-hints'], { cwd: folder, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, report: `${run.stdout}${run.stderr}` };
}

describe('npm run knip', () => {
  it('passes a tree where everything is used', () => {
    const run = unusedIn({});
    expect(run.report).toBe('');
    expect(run.code).toBe(0);
  });

  it('fails on an export nothing imports', () => {
    const run = unusedIn({
      'electron/studio/count-words.ts':
        'export function countWords(text: string): number {\n  return text.split(/\\s+/).length;\n}\nexport const WORD_LIMIT = 5;\n',
    });
    expect(run.code).toBe(1);
    expect(run.report).toMatch(/Unused exports \(1\)\s+WORD_LIMIT\s+electron\/studio\/count-words\.ts/);
  });

  it('fails on a file nothing reaches and a package nothing uses', () => {
    const run = unusedIn({ 'electron/studio/forgotten.ts': 'export const forgotten = 1;\n' }, { 'left-pad': '1.3.0' });
    expect(run.code).toBe(1);
    expect(run.report).toMatch(/Unused files \(1\)\s+electron\/studio\/forgotten\.ts/);
    expect(run.report).toMatch(/Unused dependencies \(1\)\s+left-pad/);
  });
});
