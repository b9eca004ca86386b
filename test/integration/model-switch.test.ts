/**
 * Switching models in the studio through the real model host: a failed load keeps the model
 * the writer was using. Bad files are refused while it stays loaded; a file that passes the
 * checks but fails in llama.cpp costs a reload of the old model, which the error says.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelManager } from '../../electron/studio/service/model-manager';
import { writeGguf } from '../../native-models/gguf/gguf-writer';
import { tinyDecoder } from '../fixtures/tiny-models';
import { TINY_DECODER, TINY_PROJECTOR, fixture } from '../helpers/fixture-paths';

const models = new ModelManager({
  modelsDir: '/nowhere',
  demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
  contextSize: 512,
  onStatus: () => undefined,
});
afterAll(() => models.close());

async function answers(): Promise<boolean> {
  const session = await models.session();
  const result = await session.ask(session.family.chat({ turns: [{ role: 'user', content: 'Hello' }] }), {
    maxTokens: 2,
    sampling: { seed: 1 },
  });
  return result.timings.decodedTokens > 0;
}

describe('a failed model switch', () => {
  it('keeps the working model loaded when the new file is refused', async () => {
    await models.load({ kind: 'demo' });
    const session = await models.session();
    await expect(models.load({ kind: 'files', decoder: fixture('not-gguf.gguf'), projector: null })).rejects.toMatchObject({
      code: 'not-gguf',
    });
    expect(models.state).toMatchObject({ state: 'ready', decoderPath: TINY_DECODER, demo: true });
    expect(await models.session()).toBe(session);
    expect(await answers()).toBe(true);
  });

  it('loads the working model again when the new one fails inside llama.cpp', async () => {
    // Passes Folio's file checks; llama.cpp refuses it for a missing tensor.
    const spec = tinyDecoder();
    spec.tensors = spec.tensors.filter((tensor) => tensor.name !== 'output_norm.weight');
    const broken = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-switch-')), 'missing-tensor.gguf');
    await writeGguf(broken, spec);
    await models.load({ kind: 'demo' });
    await expect(models.load({ kind: 'files', decoder: broken, projector: null })).rejects.toMatchObject({
      message: expect.stringMatching(/The model you were using is loaded again\.$/),
    });
    expect(models.state).toMatchObject({ state: 'ready', decoderPath: TINY_DECODER, projectorPath: TINY_PROJECTOR, demo: true });
    expect(await answers()).toBe(true);
  });
});
