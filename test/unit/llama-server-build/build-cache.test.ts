import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCacheKey,
  completedBuild,
  llamaServerCacheRoot,
  stampMatches,
  writeStamp,
  type BuildStamp,
} from '../../../native-models/engines/llama-server/compile/build-cache';
import { llamaServerPatchesId } from '../../../native-models/engines/llama-server/patches/llama-server-patches';

const FLAGS = ['-DCMAKE_BUILD_TYPE=Release', '-DGGML_NATIVE=ON'];

function stamp(overrides: Partial<BuildStamp> = {}): BuildStamp {
  return {
    tag: 'b6100',
    options: 'native-cpu',
    flags: FLAGS,
    commit: 'abc',
    builtFromTag: true,
    patches: llamaServerPatchesId(),
    builtAt: '2025-01-01T00:00:00Z',
    buildSeconds: 1,
    ...overrides,
  };
}

describe('llamaServerCacheRoot', () => {
  it('prefers --cache, then FOLIO_LLAMA_SERVER_CACHE, then XDG_CACHE_HOME, then ~/.cache', () => {
    const env = { FOLIO_LLAMA_SERVER_CACHE: '/env/cache', XDG_CACHE_HOME: '/xdg' };
    expect(llamaServerCacheRoot('/flag/cache', env)).toBe(path.resolve('/flag/cache'));
    expect(llamaServerCacheRoot(undefined, env)).toBe(path.resolve('/env/cache'));
    expect(llamaServerCacheRoot(undefined, { XDG_CACHE_HOME: '/xdg' })).toBe(path.join('/xdg', 'folio', 'llama-server'));
    expect(llamaServerCacheRoot(undefined, {})).toBe(path.join(os.homedir(), '.cache', 'folio', 'llama-server'));
  });
});

describe('buildCacheKey', () => {
  it('is the tag and a hash that is stable for the same flags', () => {
    expect(buildCacheKey('b6100', FLAGS)).toMatch(/^b6100-[0-9a-f]{12}$/);
    expect(buildCacheKey('b6100', [...FLAGS])).toBe(buildCacheKey('b6100', FLAGS));
  });

  it('changes with the tag or any flag', () => {
    const key = buildCacheKey('b6100', FLAGS);
    expect(buildCacheKey('b6101', FLAGS)).not.toBe(key);
    expect(buildCacheKey('b6100', [...FLAGS, '-DGGML_CUDA=ON'])).not.toBe(key);
  });
});

describe('stampMatches', () => {
  it('matches only the same tag, options and flags', () => {
    expect(stampMatches(stamp(), 'b6100', 'native-cpu', FLAGS)).toBe(true);
    expect(stampMatches(stamp(), 'b6101', 'native-cpu', FLAGS)).toBe(false);
    expect(stampMatches(stamp(), 'b6100', 'native-cuda', FLAGS)).toBe(false);
    expect(stampMatches(stamp(), 'b6100', 'native-cpu', FLAGS.slice(0, 1))).toBe(false);
    expect(stampMatches(stamp({ flags: [...FLAGS].reverse() }), 'b6100', 'native-cpu', FLAGS)).toBe(false);
    expect(stampMatches(null, 'b6100', 'native-cpu', FLAGS)).toBe(false);
  });

  it('does not count a build made without our current source patches', () => {
    const { patches: _, ...unpatched } = stamp();
    expect(stampMatches(unpatched, 'b6100', 'native-cpu', FLAGS)).toBe(false);
    expect(stampMatches(stamp({ patches: '000000000000' }), 'b6100', 'native-cpu', FLAGS)).toBe(false);
  });
});

describe('completedBuild', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'folio-llama-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function makeBinaries(names: string[]): Promise<void> {
    await mkdir(path.join(dir, 'bin'), { recursive: true });
    for (const name of names) await writeFile(path.join(dir, 'bin', name), '#!/bin/sh\n');
  }

  it('finds a stamped build with every binary', async () => {
    await makeBinaries(['llama-server', 'llama-bench', 'llama-mtmd-cli']);
    await writeStamp(dir, stamp());
    const build = await completedBuild(dir, 'b6100', 'native-cpu', FLAGS, 'linux');
    expect(build?.binaries['llama-server']).toBe(path.join(dir, 'bin', 'llama-server'));
    expect(build?.stamp.commit).toBe('abc');
  });

  it('does not count a build without a stamp, with another stamp, or with a binary missing', async () => {
    await makeBinaries(['llama-server', 'llama-bench', 'llama-mtmd-cli']);
    expect(await completedBuild(dir, 'b6100', 'native-cpu', FLAGS, 'linux')).toBeNull();
    await writeStamp(dir, stamp({ tag: 'b5000' }));
    expect(await completedBuild(dir, 'b6100', 'native-cpu', FLAGS, 'linux')).toBeNull();
    await writeStamp(dir, stamp());
    await rm(path.join(dir, 'bin', 'llama-mtmd-cli'));
    expect(await completedBuild(dir, 'b6100', 'native-cpu', FLAGS, 'linux')).toBeNull();
  });

  it('treats an unreadable stamp as no build', async () => {
    await makeBinaries(['llama-server', 'llama-bench', 'llama-mtmd-cli']);
    await writeFile(path.join(dir, 'stamp.json'), '{ not json');
    expect(await completedBuild(dir, 'b6100', 'native-cpu', FLAGS, 'linux')).toBeNull();
  });
});
