/**
 * Pictures encoded once (our picture-embedding-cache patch to llama-server), on the converted tiny
 * XComposer2 with its Partial LoRA: a picture shown again past the reused prefix is decoded from
 * the embeddings the server kept, with the same probabilities as a server that encodes it again
 * (FOLIO_PICTURE_CACHE_MIB=0 keeps none), and a different picture is encoded, not mistaken for one
 * kept. The counts are the server's own (timings.folio_pictures_encoded: image chunks, one a picture
 * for XComposer2).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelSession } from '../../electron/studio/model/model-session';
import { convertXComposer2 } from '../../native-models/convert/convert-xcomposer2';
import type { CompletionResult, TokenProbabilities } from '../../native-models/engines/engine';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { fixture } from '../helpers/fixture-paths';
import { testPicture } from '../fixtures/png';

const built = await findLlamaServerBinary();
let modelDir: string;
const sessions: ModelSession[] = [];
const [first, second, third] = [testPicture(3, 40), testPicture(7, 40), testPicture(11, 40)];

async function open(cacheMiB?: string): Promise<ModelSession> {
  const before = process.env.FOLIO_PICTURE_CACHE_MIB;
  if (cacheMiB === undefined) delete process.env.FOLIO_PICTURE_CACHE_MIB;
  else process.env.FOLIO_PICTURE_CACHE_MIB = cacheMiB;
  try {
    const session = await ModelSession.open({
      decoderPath: modelDir,
      contextSize: 4096,
      threads: 1,
      backend: 'cpu',
      engine: 'llama-server',
    });
    sessions.push(session);
    return session;
  } finally {
    if (before === undefined) delete process.env.FOLIO_PICTURE_CACHE_MIB;
    else process.env.FOLIO_PICTURE_CACHE_MIB = before;
  }
}

/** Greedy answer to one question about `pictures`, in the order given, with the top 5 of each token. */
function ask(session: ModelSession, pictures: Buffer[]): Promise<CompletionResult> {
  const prompt = session.family.ask({
    question: 'Which picture is brighter?',
    images: pictures.map((bytes) => ({ bytes, mimeType: 'image/png' })),
  });
  return session.ask(prompt, { sampling: { temperature: 0, topK: 1, seed: 0 }, maxTokens: 6, probs: 5 });
}

function largestDifference(a: TokenProbabilities[] = [], b: TokenProbabilities[] = []): number {
  if (a.length !== b.length || a.length === 0) return Number.POSITIVE_INFINITY;
  let largest = 0;
  for (const [index, token] of a.entries()) {
    const other = b[index];
    if (!other || other.id !== token.id) return Number.POSITIVE_INFINITY;
    for (const [rank, top] of token.top.entries()) {
      const theirs = other.top[rank];
      if (!theirs || theirs.id !== top.id) return Number.POSITIVE_INFINITY;
      largest = Math.max(largest, Math.abs(theirs.prob - top.prob));
    }
  }
  return largest;
}

beforeAll(async () => {
  if (!built) return;
  modelDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-picture-cache-')), 'model');
  await convertXComposer2({ checkpointDir: fixture('xcomposer2/tiny-bin'), outDir: modelDir, type: 'f32' });
}, 120_000);
afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
});

describe.skipIf(!built)('picture embeddings kept by llama-server', () => {
  it('decodes a picture shown again from its kept embeddings, with the answer of a fresh encode', async () => {
    const kept = await open();
    expect(kept.info.imageAdapterPath).toMatch(/\.gguf$/);
    const keptFirst = await ask(kept, [first, second]);
    // The same pictures the other way round: the prompt cache reuses neither, the encoder runs for none.
    const keptAgain = await ask(kept, [second, first]);
    const fresh = await open('0');
    const freshFirst = await ask(fresh, [first, second]);
    const freshAgain = await ask(fresh, [second, first]);
    expect(keptFirst.timings.pictureChunksEncoded).toBe(2);
    expect(keptAgain.timings.pictureChunksEncoded).toBe(0);
    expect(freshFirst.timings.pictureChunksEncoded).toBe(2);
    expect(freshAgain.timings.pictureChunksEncoded).toBe(2);
    // Both evaluated the same positions, the pictures among them.
    expect(keptAgain.timings.promptTokens).toBe(freshAgain.timings.promptTokens);
    expect(keptAgain.text).toBe(freshAgain.text);
    expect(largestDifference(keptFirst.tokenProbs, freshFirst.tokenProbs)).toBeLessThan(1e-6);
    expect(largestDifference(keptAgain.tokenProbs, freshAgain.tokenProbs)).toBeLessThan(1e-6);
  });

  it('encodes a different picture instead of taking one kept', async () => {
    const kept = await open();
    const fresh = await open('0');
    await ask(kept, [first, second]);
    // A new picture where the kept second one was: it is encoded, the first one is not.
    const keptOther = await ask(kept, [third, first]);
    const freshOther = await ask(fresh, [third, first]);
    const freshSecond = await ask(fresh, [second, first]);
    expect(keptOther.timings.pictureChunksEncoded).toBe(1);
    expect(keptOther.text).toBe(freshOther.text);
    expect(largestDifference(keptOther.tokenProbs, freshOther.tokenProbs)).toBeLessThan(1e-6);
    // The pictures matter to the answer, so taking a kept one for it would have shown.
    expect(largestDifference(freshOther.tokenProbs, freshSecond.tokenProbs)).toBeGreaterThan(1e-4);
  });
});
