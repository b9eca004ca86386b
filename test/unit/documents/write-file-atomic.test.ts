import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { removeStaleTemps, writeFileAtomic } from '../../../electron/studio/documents/write-file-atomic';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'folio-atomic-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('replaces the file and leaves nothing else behind', async () => {
  const file = path.join(dir, 'document.json');
  await writeFile(file, 'old');
  await writeFileAtomic(file, 'new');
  expect(await readFile(file, 'utf8')).toBe('new');
  expect(await readdir(dir)).toEqual(['document.json']);
});

it('keeps the old contents when the replacement fails', async () => {
  const target = path.join(dir, 'occupied');
  await mkdir(path.join(target, 'inside'), { recursive: true });
  await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
  expect(await readdir(dir)).toEqual(['occupied']);
  expect(await readdir(target)).toEqual(['inside']);
});

it('sweeps only temporary files old enough to be a killed writer’s', async () => {
  await writeFile(path.join(dir, '.document.json.1.abc.folio-tmp'), 'x');
  await writeFile(path.join(dir, '.document.json.2.def.folio-tmp'), 'y');
  await writeFile(path.join(dir, 'notes.folio-tmp'), 'kept: not ours');
  const old = new Date(Date.now() - 120_000);
  await utimes(path.join(dir, '.document.json.1.abc.folio-tmp'), old, old);
  await removeStaleTemps(dir);
  expect((await readdir(dir)).sort()).toEqual(['.document.json.2.def.folio-tmp', 'notes.folio-tmp']);
});
