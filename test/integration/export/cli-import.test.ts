/**
 * `folio import` as a user runs it: a real process makes a project from a Markdown file and its
 * picture, which `folio export` then reads. Bad input is one line on stderr and exit 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '@contract/studio-api';
import { testPicture } from '../../fixtures/png';

const FOLIO = path.resolve('bin/folio.js');
let parent = '';

function folio(args: string[]) {
  const run = spawnSync(process.execPath, [FOLIO, ...args], { encoding: 'utf8', timeout: 60_000, cwd: parent });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'folio-cli-import-'));
  await mkdir(path.join(parent, 'pictures'));
  await writeFile(path.join(parent, 'pictures', 'quay.png'), testPicture(5, 96));
  await writeFile(
    path.join(parent, 'Harbour towns.md'),
    '# Harbour towns\n\nThe **tide** is *high*; see [the chart](https://example.org/chart).\n\n- nets\n\n> Salt.\n\n![Quay](pictures/quay.png)\n\n![Gone](pictures/gone.png)\n',
  );
});
afterAll(() => rm(parent, { recursive: true, force: true }));

describe('folio import', () => {
  it('makes a project from the file and its pictures, naming what it left out; folio export reads it', async () => {
    const run = folio(['import', 'Harbour towns.md']);
    expect(run.code, run.stderr).toBe(0);
    const project = path.join(parent, 'Harbour towns.folio');
    expect(run.stdout).toBe(`${project}\n`);
    expect(run.stderr.trimEnd()).toMatch(
      /^folio: left out: The picture “pictures\/gone\.png” could not be imported: the file could not be found\.$/,
    );
    const document = JSON.parse(await readFile(path.join(project, 'document.json'), 'utf8')) as ArticleDocument;
    expect(document.content.map((node) => node.type)).toEqual(['heading', 'paragraph', 'bulletList', 'blockquote', 'figure', 'figure']);
    expect(JSON.stringify(document)).toMatch(/"text":"tide","marks":\[\{"type":"bold"\}\]/);
    expect(await readdir(path.join(project, 'assets'))).toHaveLength(1);

    const exported = folio(['export', project, '-o', path.join(parent, 'again.html')]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(await readFile(path.join(parent, 'again.html'), 'utf8')).toMatch(/<strong>tide<\/strong>/);
  }, 120_000);

  it('refuses bad input with one line and exit code 2, and an existing project with exit 1', async () => {
    await writeFile(path.join(parent, 'binary.md'), Buffer.from([0, 1, 2]));
    const cases: Array<[string[], number, RegExp]> = [
      [['import'], 2, /^folio: import needs one Markdown or text file/],
      [['import', 'Harbour towns.md', '-o', 'x.docx'], 2, /^folio: -o must name a project folder ending in \.folio, not "x\.docx"\.$/],
      [['import', 'nowhere.md', '-o', 'New.folio'], 2, /^folio: The file could not be found: nowhere\.md$/],
      [['import', 'binary.md', '-o', 'New.folio'], 2, /^folio: This is not a text file: binary\.md$/],
      [['import', 'Harbour towns.md'], 1, /^folio: A project with this name already exists: .*Harbour towns\.folio$/],
    ];
    for (const [args, code, line] of cases) {
      const run = folio(args);
      expect(run.code, run.stderr).toBe(code);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr.trimEnd()).toMatch(line);
    }
    expect((await readdir(parent)).filter((name) => name.endsWith('.folio'))).toEqual(['Harbour towns.folio']);
  }, 120_000);
});
