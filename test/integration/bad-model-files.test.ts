/**
 * Every bad model file gets its own typed error, worded for a writer, from the real host
 * process, and the host survives it (no native code ever sees a bad path).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelHostClient } from '../../native-models/host/model-host-client';
import type { ModelErrorCode } from '../../native-models/errors';
import { TINY_DECODER, TINY_PROJECTOR, fixture } from '../helpers/fixture-paths';
import { writeGguf } from '../../native-models/gguf/gguf-writer';
import { tinyDecoder } from '../fixtures/tiny-models';

const CASES: Array<{ name: string; decoder: string; projector?: string; code: ModelErrorCode; message: RegExp }> = [
  { name: 'a path that does not exist', decoder: fixture('does-not-exist.gguf'), code: 'file-missing', message: /could not be found/ },
  { name: 'a zero-byte file', decoder: fixture('empty.gguf'), code: 'file-empty', message: /empty/ },
  { name: 'a file that is not GGUF', decoder: fixture('not-gguf.gguf'), code: 'not-gguf', message: /not a GGUF model/ },
  { name: 'a file cut inside its header', decoder: fixture('truncated-header.gguf'), code: 'file-truncated', message: /incomplete/ },
  { name: 'tensor data running past the end', decoder: fixture('tensor-past-end.gguf'), code: 'file-truncated', message: /incomplete/ },
  { name: 'absurd counts and lengths', decoder: fixture('absurd-counts.gguf'), code: 'file-corrupt', message: /damaged/ },
  {
    name: 'an architecture llama.cpp does not know',
    decoder: fixture('wrong-architecture.gguf'),
    code: 'unknown-architecture',
    message: /folio-unknown/,
  },
  { name: 'a projector given as the model', decoder: TINY_PROJECTOR, code: 'not-a-decoder', message: /vision projector/ },
  {
    name: 'a projector that does not fit the decoder',
    decoder: TINY_DECODER,
    projector: fixture('mismatched-mmproj.gguf'),
    code: 'projector-mismatch',
    message: /produces 32-wide embeddings, the model expects 64/,
  },
];

// Passes Folio's checks; llama.cpp needs the tensor (llama.node segfaulted on it).
const missingTensor = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-bad-model-')), 'missing-tensor.gguf');
const missingTensorSpec = tinyDecoder();
missingTensorSpec.tensors = missingTensorSpec.tensors.filter((tensor) => tensor.name !== 'output_norm.weight');
await writeGguf(missingTensor, missingTensorSpec);
CASES.push({
  name: 'a file that lacks a tensor llama.cpp needs',
  decoder: missingTensor,
  code: 'model-load-failed',
  message: /could not be loaded/,
});

for (const engine of ['llama-node', 'node-llama-cpp'] as const) {
  describe(`bad model files (${engine})`, () => {
    const host = new ModelHostClient({ engine });
    afterAll(() => host.dispose());

    for (const testCase of CASES) {
      if (engine === 'node-llama-cpp' && testCase.projector) continue;
      it(`refuses ${testCase.name} with a clear error, and the host lives on`, async () => {
        const status = await host.status();
        const error = await host
          .load({ decoderPath: testCase.decoder, projectorPath: testCase.projector, backend: 'cpu' })
          .catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: testCase.code });
        expect((error as Error).message).toMatch(testCase.message);
        // A file that kills the native loader costs a fresh host; every other file is refused before native code.
        if (testCase.decoder !== missingTensor) expect((await host.status()).pid).toBe(status.pid);
      });
    }
  });
}

describe('a readable file that is not a model', () => {
  const host = new ModelHostClient({ engine: 'llama-node' });
  afterAll(() => host.dispose());

  it('is named by its kind, never by its bytes: errors reach every open page', async () => {
    const secret = 'root:$6$s4lt$h4shh4shh4sh:19000:0:99999:7:::\n';
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-secret-')), 'shadow');
    writeFileSync(file, secret);
    const error = (await host.load({ decoderPath: file, backend: 'cpu' }).catch((caught: unknown) => caught)) as {
      code: string;
      message: string;
      detail?: string;
    };
    expect(error).toMatchObject({ code: 'not-gguf', message: 'This file is not a GGUF model: shadow (it looks like a text file)' });
    const everything = `${error.message}\n${error.detail ?? ''}`;
    expect(everything).not.toContain('root');
    expect(everything).not.toContain('$6$');
    expect(everything).not.toContain(Buffer.from(secret).subarray(0, 4).toString('hex'));
  });
});
