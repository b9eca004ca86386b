/**
 * `folio export` as a user runs it: a real process. Bad input is one line on stderr and exit 2.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSampleProject } from '../documents/sample-project';

const FOLIO = path.resolve('bin/folio.js');
let parent = '';
let project = '';

function folio(args: string[], env: NodeJS.ProcessEnv = {}, timeout = 60_000) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [FOLIO, 'export', ...args], { encoding: 'utf8', timeout, env: { ...process.env, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'folio-cli-export-'));
  ({ dir: project } = await makeSampleProject(parent));
});
afterAll(() => rm(parent, { recursive: true, force: true }));

describe('folio export', () => {
  it('writes a Word document and says what it left out', async () => {
    const out = path.join(parent, 'out', 'Harbour.docx');
    const run = folio([project, '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Word, 2 figures -> ${out}\n`);
    expect(run.stderr).toMatch(/^folio: left out: Figure 3: an empty slot \(Nothing in the library matched “harbour cat”\.\)$/m);
    expect((await stat(out)).size).toBeGreaterThan(5000);
  });

  it('refuses bad input with one line and exit code 2', async () => {
    const broken = path.join(parent, 'Broken.folio');
    await makeSampleProject(parent, 'Broken');
    await writeFile(path.join(broken, 'document.json'), (await readFile(path.join(broken, 'document.json'), 'utf8')).slice(0, 50));
    const cases: Array<[string[], RegExp]> = [
      [['-o', 'x.md'], /^folio: export needs one project folder/],
      [[project], /^folio: export needs -o OUT ending in \.md, \.zip, \.html, \.docx or \.pdf\.$/],
      [[project, '-o', 'article.rtf'], /^folio: -o must end in \.md, \.zip, \.html, \.docx or \.pdf, not "article\.rtf"\.$/],
      [[path.join(parent, 'Nowhere.folio'), '-o', 'x.md'], /^folio: The project folder could not be found: .*Nowhere\.folio$/],
      [[broken, '-o', 'x.md'], /^folio: document\.json is damaged \(it is not valid JSON\), so the article cannot be opened\.$/],
      [[project, '-o', 'x.md', '--recovered'], /^folio: --recovered: this project has no unsaved changes to recover\.$/],
    ];
    for (const [args, line] of cases) {
      const run = folio(args);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr.trimEnd()).toMatch(line);
    }
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO as document.json at once', async () => {
    const { dir } = await makeSampleProject(parent, 'Piped');
    await rm(path.join(dir, 'document.json'));
    execFileSync('mkfifo', [path.join(dir, 'document.json')]);
    const run = folio([dir, '-o', path.join(parent, 'piped.md')], {}, 20_000);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.trimEnd()).toBe('folio: document.json in the project is not a file.');
    expect(run.ms).toBeLessThan(15_000);
  });

  it.skipIf(process.platform !== 'linux')('refuses to write under /proc, at once', () => {
    for (const out of ['/proc/self/x.md', '/proc/self/sub/x.md']) {
      const run = folio([project, '-o', out], {}, 20_000);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(
        /^folio: The export was not saved\. Folio does not save into \/proc\/self(\/sub)?: it is a system location/,
      );
      expect(run.ms).toBeLessThan(15_000);
    }
  });

  it('fails with one line when Chromium cannot print', () => {
    const run = folio([project, '-o', path.join(parent, 'x.pdf')], { FOLIO_CHROMIUM: path.join(parent, 'no-chromium') });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(/^folio: Chromium could not print the article to PDF \(.*no-chromium\)\.$/);
  });
});
