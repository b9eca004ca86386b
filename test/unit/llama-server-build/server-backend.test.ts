import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import { serverBackendInfo } from '../../../native-models/engines/llama-server/server-backend';

describe.skipIf(process.platform === 'win32')('serverBackendInfo', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'folio-backend-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A stand-in llama-server that prints what ggml would as it loads its backends. */
  async function fakeServer(stderr: string[], stdout: string[], libraries: string[] = []): Promise<string> {
    const server = path.join(dir, 'llama-server');
    const print = (lines: string[], to: string): string => lines.map((line) => `echo '${line}' ${to}`).join('\n');
    await writeFile(server, `#!/bin/sh\n${print(stderr, '>&2')}\n${print(stdout, '')}\n`);
    await chmod(server, 0o755);
    for (const library of libraries) await writeFile(path.join(dir, library), '');
    return server;
  }

  it('reports the CPU variant, and a GPU backend beside the program that did not load', async () => {
    const server = await fakeServer(
      ['0.00.05 I load_backend: loaded CPU backend from /b/libggml-cpu-icelake.so'],
      ['Available devices:', '  (none)'],
      ['libggml-cuda.so'],
    );
    expect(await serverBackendInfo(server, 99)).toEqual({
      backend: 'cpu',
      devices: ['CPU'],
      cpuVariant: 'icelake',
      backendNote:
        'CPU only; CPU variant icelake (the best of the variants this processor runs, as ggml scored them); libggml-cuda.so not loaded: no driver or runtime for it on this machine, it seems',
    });
  });

  it('reports the GPU when it loaded and has a device, and the CPU when no layer goes to it', async () => {
    const server = await fakeServer(
      ['load_backend: loaded CUDA backend from /b/libggml-cuda.so', 'load_backend: loaded CPU backend from /b/libggml-cpu-zen4.so'],
      ['Available devices:', '  CUDA0: NVIDIA H200 (143000 MiB, 142000 MiB free)'],
    );
    expect(await serverBackendInfo(server, 25)).toMatchObject({ backend: 'cuda', devices: ['CUDA0'], cpuVariant: 'zen4' });
    expect(await serverBackendInfo(server, 0)).toMatchObject({ backend: 'cpu', devices: ['CPU'] });
  });

  it('reads a compiled-in backend from its device names', async () => {
    const server = await fakeServer([], ['Available devices:', '  Vulkan0: AMD Radeon (8192 MiB, 8000 MiB free)']);
    expect(await serverBackendInfo(server, 10)).toMatchObject({ backend: 'vulkan', devices: ['Vulkan0'] });
  });

  it('falls back to the CPU with no note when the program cannot run', async () => {
    expect(await serverBackendInfo(path.join(dir, 'missing'), 10)).toEqual({ backend: 'cpu', devices: ['CPU'] });
  });

  it('reads the real choice from the built linked server, when there is one', async (context) => {
    const found = await findLlamaServerBinary();
    if (found?.options !== 'linked') return context.skip();
    const info = await serverBackendInfo(found.server, 0);
    expect(info.cpuVariant).toMatch(/^[\w.]+$/);
    expect(info.backendNote).toContain(`CPU variant ${info.cpuVariant}`);
  });
});
