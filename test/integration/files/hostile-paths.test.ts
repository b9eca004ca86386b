/**
 * Files Folio did not write, made hostile, through the real entry points (the CLI as a user runs
 * it, the server as the studio calls it): a /proc file behind a Markdown picture or a library
 * link (procfs reports a plain file of size 0 and never ends), FIFOs as checkpoint files and as
 * eval's answers and results, and a library picture swapped for a FIFO while the index runs.
 * Each is refused in one line, quickly, and the rest of the work goes on. (issue 24, cause 1)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer } from '../../../electron/server/studio-server';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { MMBENCH_COLUMNS, mmbenchRows, writeTsv } from '../../fixtures/benchmark-tsv';
import { testPicture } from '../../fixtures/png';
import { TINY_CLIP, TINY_DECODER, TINY_PROJECTOR, fixture } from '../../helpers/fixture-paths';
import { connectStudio } from '../../helpers/studio-client';

const FOLIO = path.resolve('bin/folio.js');
const TINY = ['--model', TINY_DECODER, '--mmproj', TINY_PROJECTOR, '--threads', '1', '--engine', 'llama-node'];
/** The library indexes with the image-embedding model only (no language model). */
const INDEX = ['--embedding-model', TINY_CLIP, '--threads', '1'];
const linux = process.platform === 'linux';
let dir = '';
const at = (...names: string[]): string => path.join(dir, ...names);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A real `folio` process; a hang ends at `timeout` with code null, which every case refuses. */
function folio(args: string[], timeout = 60_000): Run {
  const started = Date.now();
  const run = spawnSync(process.execPath, [FOLIO, ...args], { encoding: 'utf8', timeout, maxBuffer: 16 << 20 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

function oneLine(run: Run): string {
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  return lines[0] as string;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-hostile-paths-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!linux)('a /proc file where a picture should be', () => {
  it('folio import leaves the picture out with its reason, at once, and imports the rest', () => {
    mkdirSync(at('import'));
    writeFileSync(at('import', 'quay.png'), testPicture(2, 40));
    symlinkSync('/proc/self/pagemap', at('import', 'x.png'));
    const markdown = '# Harbour\n\nThe tide.\n\n![p](/proc/self/pagemap)\n\n![link](x.png)\n\n![quay](quay.png)\n';
    writeFileSync(at('import', 'harbour.md'), markdown);
    const run = folio(['import', at('import', 'harbour.md'), '-o', at('import', 'Harbour.folio')], 30_000);
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(2);
    for (const warning of warnings) expect(warning).toMatch(/^folio: left out: .*could not be imported: the file is a system file/);
    expect(run.ms).toBeLessThan(20_000);
  });

  it('the studio server imports the same file without growing, and answers meanwhile', async () => {
    const dataDir = at('server');
    mkdirSync(dataDir);
    const service = await StudioService.create({ dataDir, shell: 'browser', modelsDir: path.join(dataDir, 'models') });
    const server = await startStudioServer({ service });
    const studio = await connectStudio(server.baseUrl, server.token);
    try {
      const before = process.memoryUsage().rss;
      const workspace = await studio.call('importArticle', { path: at('import', 'harbour.md') });
      expect(workspace.warnings).toHaveLength(2);
      expect(workspace.warnings.join('\n')).toMatch(/system file/);
      expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    } finally {
      studio.close();
      await server.close();
      await service.close();
    }
  });

  it('folio index skips a library link to /proc and a FIFO, naming why, and indexes the rest', { timeout: 150_000 }, () => {
    const pictures = at('library');
    mkdirSync(pictures);
    writeFileSync(path.join(pictures, 'quay.png'), testPicture(3, 40));
    symlinkSync('/proc/self/pagemap', path.join(pictures, 'x.png'));
    execFileSync('mkfifo', [path.join(pictures, 'pipe.jpg')]);
    execFileSync('mkfifo', [path.join(pictures, 'pipe-without-extension')]);
    const run = folio(['index', pictures, ...INDEX, '--library-db', at('library.sqlite')], 120_000);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/added\s+1\n/);
    expect(run.stdout).toMatch(/x\.png: could not be read/);
    // A FIFO is no file: the scan passes over it, as over a socket.
    expect(run.stdout).not.toMatch(/pipe/);
  });
});

describe.skipIf(process.platform === 'win32')('a checkpoint with hostile files', () => {
  const cases: Array<{ name: string; file: string; make: (target: string) => void; line: RegExp }> = [
    {
      name: 'a FIFO as a shard',
      file: 'pytorch_model-00002-of-00002.bin',
      make: fifo,
      line: /pytorch_model-00002-of-00002\.bin is not a plain file/,
    },
    { name: 'a FIFO as config.json', file: 'config.json', make: fifo, line: /config\.json is not a plain file/ },
    { name: 'a FIFO as tokenizer.model', file: 'tokenizer.model', make: fifo, line: /tokenizer\.model is not a plain file/ },
  ];
  if (linux)
    cases.push({
      name: 'tokenizer.model linked to /proc',
      file: 'tokenizer.model',
      make: (target) => symlinkSync('/proc/self/pagemap', target),
      line: /tokenizer\.model is a system file/,
    });

  it.each(cases)('folio convert refuses $name in one line, exit 2, at once', ({ file, make, line }) => {
    const checkpoint = mkdtempSync(path.join(dir, 'checkpoint-'));
    cpSync(fixture('xcomposer2/tiny-bin'), checkpoint, { recursive: true });
    rmSync(path.join(checkpoint, file));
    make(path.join(checkpoint, file));
    const run = folio(['convert', checkpoint, '-o', path.join(checkpoint, 'out'), '--type', 'f32'], 30_000);
    expect(run.code, run.stderr).toBe(2);
    expect(oneLine(run)).toMatch(line);
    expect(run.ms).toBeLessThan(20_000);
  });
});

describe.skipIf(process.platform === 'win32')('eval files that are FIFOs', () => {
  it('folio eval refuses a FIFO as the answers log, and eval report a FIFO as the results file, at once', () => {
    const benchmark = writeTsv(
      at('bench.tsv'),
      MMBENCH_COLUMNS,
      mmbenchRows([{ index: 1, options: ['a', 'b'], answer: 0, category: 'c' }]),
    );
    execFileSync('mkfifo', [at('run.answers.jsonl')]);
    const run = folio(['eval', benchmark, ...TINY, '--out', at('run.json')], 60_000);
    expect(run.code, run.stderr).not.toBeNull();
    expect(oneLine(run)).toMatch(/run\.answers\.jsonl is not a plain file/);

    execFileSync('mkfifo', [at('results.json')]);
    const report = folio(['eval', 'report', at('results.json'), at('results.json')], 30_000);
    expect(report.code, report.stderr).toBe(2);
    expect(oneLine(report)).toMatch(/results file is not a plain file/);
  });

  it('folio eval refuses a FIFO as the benchmark file', () => {
    execFileSync('mkfifo', [at('piped.tsv')]);
    const run = folio(['eval', at('piped.tsv'), ...TINY, '--out', at('piped.json')], 30_000);
    expect(run.code, run.stderr).toBe(2);
    expect(oneLine(run)).toMatch(/benchmark file is not a plain file/);
  });
});

describe.skipIf(process.platform === 'win32')('library pictures swapped for FIFOs while the index runs', () => {
  it('folio index finishes every run (the names were checked and then opened again before)', { timeout: 240_000 }, async () => {
    const pictures = at('swapping');
    const aside = at('swapping-aside');
    mkdirSync(pictures);
    mkdirSync(aside);
    const SWAPPED = 20;
    for (let i = 0; i < SWAPPED; i++) {
      writeFileSync(path.join(pictures, `p-${i}.png`), testPicture(10 + i, 40));
      execFileSync('mkfifo', [path.join(aside, `p-${i}.fifo`)]);
    }
    // Swaps every picture's name between its file and a FIFO (by renames, each atomic) as fast as the loop turns.
    let swapping = true;
    let turns = 0;
    const swapper = (async () => {
      while (swapping) {
        for (let i = 0; i < SWAPPED; i++) {
          const name = path.join(pictures, `p-${i}.png`);
          const [away, back] = turns % 2 === 0 ? [`p-${i}.file`, `p-${i}.fifo`] : [`p-${i}.fifo`, `p-${i}.file`];
          renameSync(name, path.join(aside, away));
          renameSync(path.join(aside, back), name);
        }
        turns += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      for (let round = 0; round < 2; round++) {
        const db = at(`swapping-${round}.sqlite`);
        const code = await new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [FOLIO, 'index', pictures, ...INDEX, '--library-db', db], { stdio: 'ignore' });
          const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
          child.on('exit', (exitCode) => {
            clearTimeout(timer);
            resolve(exitCode);
          });
        });
        expect(code, `round ${round}`).toBe(0);
      }
    } finally {
      swapping = false;
      await swapper;
    }
    expect(turns).toBeGreaterThan(10);
  });
});

function fifo(target: string): void {
  execFileSync('mkfifo', [target]);
}
