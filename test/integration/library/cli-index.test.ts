/**
 * `folio index` as a user runs it: a real process, the real host, the tiny models.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_DECODER, TINY_PROJECTOR, fixture } from '../../helpers/fixture-paths';
import { brokenPictures, writePictureFolder } from '../../fixtures/images';

const FOLIO = path.resolve('bin/folio.js');
let root = '';
let pictures = '';
let damagedLibrary = '';

function folio(...args: string[]) {
  const run = spawnSync(process.execPath, [FOLIO, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const tiny = ['--model', TINY_DECODER, '--mmproj', TINY_PROJECTOR, '--threads', '1', '--engine', 'llama-node'];

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'folio-cli-index-'));
  pictures = path.join(root, 'pictures');
  await writePictureFolder(pictures, 5);
  for (const broken of await brokenPictures()) writeFileSync(path.join(pictures, broken.name), broken.bytes);
  damagedLibrary = path.join(root, 'damaged.sqlite');
  writeFileSync(damagedLibrary, 'not a database, just text that happens to have the name of one\n'.repeat(30));
});

describe('folio index', () => {
  it('indexes a folder, then finds nothing new on the second run', () => {
    const db = path.join(root, 'library.sqlite');
    const first = folio('index', pictures, ...tiny, '--library-db', db);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/described\s+5\n/);
    expect(first.stdout).toMatch(/skipped\s+4\n/);
    expect(first.stdout).toContain('interrupted-download.jpg: damaged or incomplete');
    expect(first.stdout).toContain('notes.png: not a picture');
    expect(first.stdout).toContain(`Library: ${db}`);
    // Not a terminal: plain progress lines, no redraws, and nothing of llama.cpp's logging.
    expect(first.stderr).toMatch(/^Describing 1\/9: album-0\/picture-0\.png$/m);
    expect(first.stderr).not.toContain('\r');
    expect(first.stderr).not.toMatch(/llama_|print_info/);

    const second = folio('index', pictures, ...tiny, '--library-db', db);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/described\s+0\n/);
    expect(second.stdout).toMatch(/unchanged\s+5\n/);
    expect(second.stderr).not.toMatch(/Describing/);
  });

  const badInputs: Array<{ name: string; args: () => string[]; line: RegExp }> = [
    { name: 'no folder', args: () => [...tiny], line: /needs one folder/ },
    { name: 'a missing folder', args: () => [path.join(root, 'nope'), ...tiny], line: /image folder could not be found/ },
    { name: 'a file instead of a folder', args: () => [TINY_DECODER, ...tiny], line: /not a folder/ },
    { name: 'no model', args: () => [pictures, '--mmproj', TINY_PROJECTOR], line: /needs --model/ },
    { name: 'no projector', args: () => [pictures, '--model', TINY_DECODER], line: /needs --mmproj/ },
    {
      name: 'a file that is not a model',
      args: () => [pictures, '--model', fixture('not-gguf.gguf'), '--mmproj', TINY_PROJECTOR, '--library-db', path.join(root, 'x.sqlite')],
      line: /not a GGUF model/,
    },
    {
      name: 'a damaged library file',
      args: () => [pictures, ...tiny, '--library-db', damagedLibrary],
      line: /damaged or is not a Folio library/,
    },
    {
      name: 'a thread count that is not a number',
      args: () => [
        pictures,
        '--model',
        TINY_DECODER,
        '--mmproj',
        TINY_PROJECTOR,
        '--threads',
        'many',
        '--library-db',
        path.join(root, 'y.sqlite'),
      ],
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
