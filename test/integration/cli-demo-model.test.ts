/**
 * `folio ask --model demo` (issue 23, CLI minor): the demo model the studio offers, by name, with
 * its projector; it was "the file could not be found: demo" and its path was documented nowhere.
 * A real process on the tiny model, whose answer may be anything (it writes nonsense, may stop at
 * once): the checks are that it loads, answers and exits 0, with a picture too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testPicture } from '../fixtures/png';

const FOLIO = path.resolve('bin/folio.js');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-demo-cli-'));

function folio(...args: string[]) {
  const run = spawnSync(process.execPath, [FOLIO, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, FOLIO_DATA_DIR: dataDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('folio ask --model demo', () => {
  it('loads the demo model from the data folder, with its projector, and answers about a picture', () => {
    const picture = path.join(dataDir, 'boats.png');
    writeFileSync(picture, testPicture(4));
    const run = folio('ask', '--model', 'demo', '--image', picture, '--seed', '3', '--max-tokens', '8', 'What is this?');
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(dataDir, 'demo-model', 'tiny-internlm2.gguf'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'demo-model', 'tiny-internvl-mmproj.gguf'))).toBe(true);
  }, 150_000);

  it('takes --model=demo too, and the help says so', () => {
    expect(folio('ask', '--model=demo', '--max-tokens', '4', 'Hello').code).toBe(0);
    expect(folio('ask', '--help').stdout).toMatch(/--model FILE .*or demo/);
  }, 150_000);
});
