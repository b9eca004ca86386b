import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript launcher helper, without types
import { freshBuild } from '../../../bin/fresh-build.js';

const fresh = freshBuild as (file: string, root?: string) => string | null;

function builtTree(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'folio-fresh-'));
  mkdirSync(path.join(root, 'src'));
  mkdirSync(path.join(root, 'dist/node'), { recursive: true });
  writeFileSync(path.join(root, 'src/a.ts'), 'export {};');
  const past = new Date(Date.now() - 60_000);
  utimesSync(path.join(root, 'src/a.ts'), past, past);
  writeFileSync(path.join(root, 'dist/node/cli.js'), '');
  writeFileSync(path.join(root, 'dist/node/stamp.json'), JSON.stringify({ startedAt: Date.now() - 1000, inputs: ['src/a.ts'] }));
  return root;
}

describe('the compiled commands (dist/node)', () => {
  it('are used while no source changed since the build', () => {
    const root = builtTree();
    expect(fresh('cli.js', root)).toMatch(/^file:.*dist\/node\/cli\.js$/);
    expect(fresh('serve.js', root)).toBeNull();
    rmSync(root, { recursive: true });
  });

  it('are never used stale: a source edited after the build, or gone, means the TypeScript runs', () => {
    const root = builtTree();
    writeFileSync(path.join(root, 'src/a.ts'), 'export const edited = 1;');
    expect(fresh('cli.js', root)).toBeNull();
    rmSync(path.join(root, 'src/a.ts'));
    expect(fresh('cli.js', root)).toBeNull();
    rmSync(root, { recursive: true });
  });
});
