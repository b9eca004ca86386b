import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectBinaries } from '../../../native-models/engines/llama-server/compile/collect-binaries';

describe('collectBinaries', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'folio-collect-'));
    await mkdir(path.join(dir, 'build', 'bin'), { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function output(names: string[]): Promise<void> {
    for (const name of names) await writeFile(path.join(dir, 'build', 'bin', name), name, { mode: 0o755 });
  }

  it('copies the three programs and any shared libraries, executable, replacing the old bin folder', async () => {
    await output(['llama-server', 'llama-bench', 'llama-mtmd-cli', 'libggml-cpu-haswell.so', 'libllama.so.0', 'llama-quantize']);
    await mkdir(path.join(dir, 'bin'));
    await writeFile(path.join(dir, 'bin', 'stale'), '');
    await collectBinaries(path.join(dir, 'build'), path.join(dir, 'bin'), 'linux');
    expect((await readdir(path.join(dir, 'bin'))).sort()).toEqual([
      'libggml-cpu-haswell.so',
      'libllama.so.0',
      'llama-bench',
      'llama-mtmd-cli',
      'llama-server',
    ]);
    expect((await stat(path.join(dir, 'bin', 'llama-server'))).mode & 0o111).not.toBe(0);
  });

  it('fails when the build produced no llama-server, leaving no bin folder', async () => {
    await output(['llama-bench']);
    await expect(collectBinaries(path.join(dir, 'build'), path.join(dir, 'bin'), 'linux')).rejects.toThrow(/llama-server is not in/);
    expect(existsSync(path.join(dir, 'bin'))).toBe(false);
  });
});
