/**
 * `folio models` as a user runs it: a real process, a download server on 127.0.0.1 (given
 * through --catalog), a temporary models folder, Ctrl-C to pause and a rerun to resume.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPaths } from '../../../native-models/catalog/models-folder';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import { TINY_DECODER, TINY_PROJECTOR, fixture } from '../../helpers/fixture-paths';
import { startRangeServer, type RangeServer } from '../../helpers/range-server';
import { decoderBytes, projectorBytes, servedEntry, tempDir } from './download-test-kit';

const FOLIO = path.resolve('bin/folio.js');
const TOTAL = decoderBytes().length + projectorBytes().length;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs folio without blocking this process (the download server lives here). */
function folio(args: string[], options: { interruptWhen?: (stderr: string) => boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FOLIO, ...args], {
      env: { ...process.env, FOLIO_MODELS_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
      if (!interrupted && options.interruptWhen?.(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

let server: RangeServer;
let catalogFile: string;
let modelsDir: string;
const entry = () => servedEntry(server.url);

beforeAll(async () => {
  server = await startRangeServer({ 'decoder.gguf': decoderBytes(), 'mmproj.gguf': projectorBytes() });
  const dir = tempDir('folio-cli-models-');
  catalogFile = path.join(dir, 'catalog.json');
  writeFileSync(catalogFile, JSON.stringify({ version: 1, notes: [], entries: [entry()] }));
  modelsDir = path.join(dir, 'models');
});
afterAll(async () => server.close());

describe('folio models', () => {
  it('pull: Ctrl-C pauses with the partial files kept, and the same command resumes', async () => {
    server.setTrickle(4 * 1024, 20);
    const args = ['models', 'pull', 'tiny-test-pair', '--catalog', catalogFile, '--models-dir', modelsDir];
    const paused = await folio(args, { interruptWhen: (stderr) => /Downloading tiny-test-pair: [1-9]\d%/.test(stderr) });
    expect(paused.stderr).toMatch(/^folio: Paused; .* kept in .*tiny-test-pair\. Run the same command to continue\.$/m);
    expect(paused.code).toBe(130);
    const paths = entryPaths(modelsDir, entry());
    // The small projector may have finished before Ctrl-C arrived; the decoder cannot have.
    expect(existsSync(paths.decoder)).toBe(false);
    expect(existsSync(`${paths.decoder}.part`)).toBe(true);
    const onDisk = (file: string) =>
      existsSync(file) ? statSync(file).size : existsSync(`${file}.part`) ? statSync(`${file}.part`).size : 0;
    const kept = onDisk(paths.decoder) + onDisk(paths.projector);
    expect(kept).toBeGreaterThan(0);

    server.setTrickle(0, 0);
    const before = server.requests.length;
    const resumed = await folio(args);
    expect(resumed.stderr).toMatch(/Downloading tiny-test-pair: \d+% \(/);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`model:        ${paths.decoder}`);
    expect(readFileSync(paths.decoder).equals(decoderBytes())).toBe(true);
    expect(readFileSync(paths.projector).equals(projectorBytes())).toBe(true);
    const resumedBytes = server.requests.slice(before).reduce((sum, request) => sum + request.bytesSent, 0);
    expect(resumedBytes).toBe(TOTAL - kept);
  });

  it('list: the catalog with a verdict per entry and what is downloaded', async () => {
    const run = await folio(['models', 'list', '--json', '--catalog', catalogFile, '--models-dir', modelsDir]);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { entries: Array<{ id: string; fits: boolean; download: string; recommended: boolean }> };
    expect(listed.entries).toEqual([
      expect.objectContaining({ id: 'tiny-test-pair', fits: true, download: 'downloaded', recommended: true }),
    ]);

    const text = await folio(['models', 'list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/internvl2-2b-q4_k_m +\d/);
    expect(text.stdout).toMatch(/^Recommended \(\*\): /m);
  });

  it('pull of an unknown id, and a broken catalog, are input errors (exit 2, one line)', async () => {
    const unknown = await folio(['models', 'pull', 'no-such-model', '--models-dir', modelsDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('folio: no model "no-such-model" in the catalog. Run "folio models list" to see the ids.\n');
    const broken = await folio(['models', 'list', '--catalog', fixture('not-gguf.gguf')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^folio: The model catalog is not valid JSON: .*not-gguf\.gguf .*\n$/);
  });

  it('verify: a valid pair is described; a bad file exits 2 with one clear line', async () => {
    const good = await folio(['models', 'verify', TINY_DECODER, '--mmproj', TINY_PROJECTOR]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^OK: .*\(internlm2, /);
    expect(good.stdout).toMatch(/image reader: tiny-internvl-mmproj\.gguf, .*internvl/);
    expect(good.stdout).toMatch(/memory: +Needs about/);
    const server = await findLlamaServerBinary();
    // What ggml chose when it loaded its backends, e.g. "llama-server (linked build): CPU only; CPU variant zen4 (...)".
    expect(good.stdout).toMatch(
      server?.options === 'linked' ? /engine: +llama-server \(linked build\): .*CPU variant [\w.]+ / : /engine: +llama-server/,
    );
    // The thread plan and why, e.g. "threads: 1 thread: 0.2 of 2 cores busy; one core left to the app".
    expect(good.stdout).toMatch(/threads: +\d+ threads?: \d+\.\d of \d+ cores busy/);

    const bad = await folio(['models', 'verify', fixture('truncated-header.gguf')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^folio: .*incomplete/);

    const mismatched = await folio(['models', 'verify', TINY_DECODER, '--mmproj', fixture('mismatched-mmproj.gguf')]);
    expect(mismatched.code).toBe(2);
    expect(mismatched.stderr).toMatch(/does not belong to this model/);
  });
});
