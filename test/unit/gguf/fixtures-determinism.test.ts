import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures } from '../../fixtures/generate';
import { FIXTURES } from '../../fixtures/tiny-models';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'folio-fixtures-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    if (name === 'manifest.json') continue;
    const file = path.join(dir, name);
    // A folder (the tiny CLIP): its files' hashes, by name.
    out[name] = (await stat(file)).isDirectory()
      ? JSON.stringify(await hashes(file))
      : createHash('sha256')
          .update(await readFile(file))
          .digest('hex');
  }
  return out;
}

describe('fixture generator', () => {
  it('writes identical bytes on every run', async () => {
    const a = path.join(root, 'a');
    const b = path.join(root, 'b');
    await ensureFixtures(a);
    await ensureFixtures(b);
    const first = await hashes(a);
    expect(Object.keys(first).sort()).toEqual(Object.values(FIXTURES).sort());
    expect(await hashes(b)).toEqual(first);
  });

  it('skips work when up to date and regenerates a missing file', async () => {
    const dir = path.join(root, 'c');
    expect((await ensureFixtures(dir)).generated).toEqual(['tiny']);
    const before = (await stat(path.join(dir, FIXTURES.tinyDecoder))).mtimeMs;
    expect((await ensureFixtures(dir)).generated).toEqual([]);
    expect((await stat(path.join(dir, FIXTURES.tinyDecoder))).mtimeMs).toBe(before);

    await rm(path.join(dir, FIXTURES.tinyProjector));
    expect((await ensureFixtures(dir)).generated).toEqual(['tiny']);
    await expect(stat(path.join(dir, FIXTURES.tinyProjector))).resolves.toBeTruthy();
  });

  it('regenerates when the manifest records another generator version', async () => {
    const dir = path.join(root, 'd');
    await ensureFixtures(dir);
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string };
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: 'folio-fixtures-0' }));
    expect((await ensureFixtures(dir)).generated).toEqual(['tiny']);
  });
});
