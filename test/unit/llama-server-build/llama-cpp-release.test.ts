import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeLlamaCppLlamaDir, readLlamaCppRelease } from '../../../native-models/engines/llama-server/compile/llama-cpp-release';

describe('readLlamaCppRelease', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'folio-llama-release-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the tag and points at the bundle beside it', async () => {
    await writeFile(path.join(dir, 'llama.cpp.info.json'), JSON.stringify({ tag: 'b6100', llamaCppGithubRepo: 'ggml-org/llama.cpp' }));
    expect(await readLlamaCppRelease(dir)).toEqual({ tag: 'b6100', bundlePath: path.join(dir, 'gitRelease.bundle') });
  });

  it('rejects a missing file, a missing tag and a tag unsafe for a folder name', async () => {
    await expect(readLlamaCppRelease(dir)).rejects.toThrow(/Run npm install/);
    await writeFile(path.join(dir, 'llama.cpp.info.json'), JSON.stringify({ llamaCppGithubRepo: 'ggml-org/llama.cpp' }));
    await expect(readLlamaCppRelease(dir)).rejects.toThrow(/no usable "tag"/);
    await writeFile(path.join(dir, 'llama.cpp.info.json'), JSON.stringify({ tag: '../escape' }));
    await expect(readLlamaCppRelease(dir)).rejects.toThrow(/no usable "tag"/);
  });

  it('finds the installed node-llama-cpp release and its bundle', async () => {
    const llamaDir = nodeLlamaCppLlamaDir();
    const info = JSON.parse(await readFile(path.join(llamaDir, 'llama.cpp.info.json'), 'utf8')) as { tag: string };
    const release = await readLlamaCppRelease();
    expect(release.tag).toBe(info.tag);
    expect(existsSync(release.bundlePath)).toBe(true);
  });
});
