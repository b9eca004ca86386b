import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/build/llama-server-binary';
import { listResourceFolder, llamaServerResourceProblems } from '../../../packaging/llama-server-resource';

const LINKED = {
  files: [
    'libggml-base.so',
    'libggml-cpu-haswell.so',
    'libggml-cpu-zen4.so',
    'libggml-cuda.so',
    'libggml.v0.4.0.so',
    'libllama-common.so',
    'libllama.v0.4.0.so',
    'llama-bench',
    'llama-server',
  ],
  needs: {
    'llama-server': ['libllama-common.so', 'libllama.v0.4.0.so', 'libggml.v0.4.0.so', 'libggml-base.so', 'libstdc++.so.6', 'libc.so.6'],
    'llama-bench': ['libllama-common.so', 'libllama.v0.4.0.so', 'libggml-base.so', 'libc.so.6'],
    'libllama-common.so': ['libllama.v0.4.0.so', 'libggml.v0.4.0.so', 'libggml-base.so', 'ld-linux-x86-64.so.2'],
    'libllama.v0.4.0.so': ['libggml.v0.4.0.so', 'libggml-base.so', 'libm.so.6'],
    'libggml.v0.4.0.so': ['libggml-base.so', 'libgcc_s.so.1'],
    'libggml-base.so': ['libc.so.6'],
    'libggml-cuda.so': ['libggml-base.so', 'libcudart.so.13', 'libcublas.so.13', 'libcuda.so.1'],
  },
};

describe('llamaServerResourceProblems', () => {
  it('accepts a folder with the server, every library it names, CPU variants and a GPU backend', () => {
    expect(llamaServerResourceProblems(LINKED)).toEqual([]);
  });

  it('names a library a program needs that is not carried, and one nothing uses', () => {
    const files = [...LINKED.files.filter((file) => file !== 'libllama-common.so'), 'libunused.so'];
    expect(llamaServerResourceProblems({ ...LINKED, files })).toEqual([
      'llama-server needs libllama-common.so, which is not in the folder',
      'llama-bench needs libllama-common.so, which is not in the folder',
      'libunused.so is carried but nothing uses it',
    ]);
  });

  it('wants llama-server and a CPU backend for ggml to load', () => {
    const files = LINKED.files.filter((file) => file !== 'llama-server' && !file.startsWith('libggml-cpu'));
    expect(llamaServerResourceProblems({ ...LINKED, files })).toEqual([
      'llama-server is missing',
      'no CPU backend (libggml-cpu*) for ggml to load',
    ]);
  });

  it.runIf(process.platform === 'linux')(
    'passes the linked build of this machine, which is what package:llama-server copies',
    async (context) => {
      const found = await findLlamaServerBinary();
      if (found?.options !== 'linked') return context.skip();
      expect(llamaServerResourceProblems(listResourceFolder(path.dirname(found.server)))).toEqual([]);
    },
  );
});
