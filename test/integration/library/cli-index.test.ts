/**
 * `folio index` as a user runs it: a real process, the real image-embedding model (the tiny
 * CLIP through onnxruntime), no language model at all.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_CLIP, TINY_DECODER } from '../../helpers/fixture-paths';
import { brokenPictures, writePictureFolder } from '../../fixtures/images';

const FOLIO = path.resolve('bin/folio.js');
let root = '';
let pictures = '';
let damagedLibrary = '';

function folio(...args: string[]) {
  const run = spawnSync(process.execPath, [FOLIO, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const tiny = ['--embedding-model', TINY_CLIP, '--threads', '1'];

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'folio-cli-index-'));
  pictures = path.join(root, 'pictures');
  await writePictureFolder(pictures, 5);
  for (const broken of await brokenPictures()) writeFileSync(path.join(pictures, broken.name), broken.bytes);
  copyFileSync(path.join(pictures, 'album-0', 'picture-0.png'), path.join(pictures, 'copy-of-picture-0.png'));
  damagedLibrary = path.join(root, 'damaged.sqlite');
  writeFileSync(damagedLibrary, 'not a database, just text that happens to have the name of one\n'.repeat(30));
});

describe('folio index', () => {
  it('indexes a folder, then finds nothing new on the second run; lists and removes its folders', () => {
    const db = path.join(root, 'library.sqlite');
    const first = folio('index', pictures, ...tiny, '--library-db', db);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/added\s+5\n/);
    expect(first.stdout).toMatch(/duplicates\s+1\n\s+copy-of-picture-0\.png: the same picture as album-0\/picture-0\.png, merged\n/);
    expect(first.stdout).toMatch(/skipped\s+4\n/);
    expect(first.stdout).toContain('interrupted-download.jpg: damaged or incomplete');
    expect(first.stdout).toContain('notes.png: not a picture');
    expect(first.stdout).toContain(`Library: ${db} (pictures embedded by tiny CLIP`);
    // Not a terminal: plain progress lines with the speed, no redraws.
    expect(first.stderr).toMatch(/^Embedding \d+\/10 \([\d.]+\/s\): /m);
    expect(first.stderr).not.toContain('\r');

    const second = folio('index', pictures, ...tiny, '--library-db', db);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/added\s+0\n/);
    // The five pictures and the merged copy.
    expect(second.stdout).toMatch(/unchanged\s+6\n/);
    expect(second.stdout).toMatch(/skipped\s+4\n/);
    expect(second.stderr).not.toMatch(/Embedding/);

    const list = folio('index', '--list', '--library-db', db);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`Library: ${db}, 5 pictures`);
    expect(list.stdout).toContain(`  ${pictures}\n    5 pictures, 1 duplicates, 4 skipped; indexed `);
    expect(list.stdout).toContain('    notes.png: not a picture');

    const removed = folio('index', '--remove', pictures, '--library-db', db);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Removed ${pictures}: 5 pictures left the library.`);
    expect(removed.stdout).toContain('0 pictures');
    expect(folio('index', '--remove', pictures, '--library-db', db).stderr).toMatch(/not in the library/);
  });

  const badInputs: Array<{ name: string; args: () => string[]; line: RegExp }> = [
    { name: 'no folder', args: () => [...tiny], line: /needs one folder/ },
    { name: 'a missing folder', args: () => [path.join(root, 'nope'), ...tiny], line: /image folder could not be found/ },
    { name: 'a file instead of a folder', args: () => [TINY_DECODER, ...tiny], line: /not a folder/ },
    {
      name: 'no embedding model downloaded',
      args: () => [pictures, '--models-dir', path.join(root, 'no-models'), '--library-db', path.join(root, 'x.sqlite')],
      line: /picture-search model is not downloaded: run "folio models pull clip-vit-b-32"/,
    },
    {
      name: 'a folder that is not an embedding model',
      args: () => [pictures, '--embedding-model', pictures, '--library-db', path.join(root, 'x.sqlite')],
      line: /not an image-embedding model folder/,
    },
    {
      name: 'a damaged library file',
      args: () => [pictures, ...tiny, '--library-db', damagedLibrary],
      line: /damaged or is not a Folio library/,
    },
    {
      name: 'a thread count that is not a number',
      args: () => [pictures, '--embedding-model', TINY_CLIP, '--threads', 'many', '--library-db', path.join(root, 'y.sqlite')],
      line: /--threads must be a whole number/,
    },
  ];

  for (const { name, args, line } of badInputs) {
    it(`refuses ${name} with one clear line and exit code 2`, () => {
      const run = folio('index', ...args());
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^folio: /);
      expect(lines[0]).toMatch(line);
    });
  }
});
