/**
 * Partial LoRA in the llama-server engine (our partial-lora patch): the adapter acts while a
 * picture's embeddings are decoded and on nothing else. Text-only prompts give exactly the
 * probabilities of the model without it; prompts with a picture do not; the engines that cannot
 * do this refuse the model by name.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenProbabilities } from '../../native-models/engines/engine';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { writeGguf } from '../../native-models/gguf/gguf-writer';
import { type ModelSession } from '../../electron/studio/model/model-session';
import { testPicture } from '../fixtures/png';
import { tinyImageAdapter } from '../fixtures/tiny-adapter';
import { openTinySession } from '../helpers/tiny-session';

const built = await findLlamaServerBinary();
let dir: string;
let adapter: string;
const sessions: ModelSession[] = [];

async function open(imageAdapterPath?: string, engine: 'llama-server' | 'llama-node' = 'llama-server'): Promise<ModelSession> {
  const session = await openTinySession({ contextSize: 1024, engine, ...(imageAdapterPath ? { imageAdapterPath } : {}) });
  sessions.push(session);
  return session;
}

async function greedyProbs(session: ModelSession, withPicture: boolean): Promise<TokenProbabilities[]> {
  const prompt = session.family.ask({
    question: 'What is in this picture?',
    images: withPicture ? [{ bytes: testPicture(3, 28), mimeType: 'image/png' }] : [],
  });
  const result = await session.ask(prompt, { sampling: { temperature: 0, topK: 1, seed: 0 }, maxTokens: 8, probs: 5 });
  return result.tokenProbs ?? [];
}

function largestDifference(a: TokenProbabilities[], b: TokenProbabilities[]): number {
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
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-partial-lora-'));
  adapter = path.join(dir, 'image-adapter.gguf');
  await writeGguf(adapter, tinyImageAdapter());
});
afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
});

describe.skipIf(!built)('Partial LoRA on llama-server', () => {
  it('reports the top 5 probabilities of each greedy token', async () => {
    const plain = await open();
    const tokens = await greedyProbs(plain, false);
    expect(tokens).toHaveLength(8);
    for (const token of tokens) {
      expect(token.top).toHaveLength(5);
      expect(token.top[0]?.id).toBe(token.id);
      const probs = token.top.map((top) => top.prob);
      expect(probs).toEqual([...probs].sort((x, y) => y - x));
      expect(probs.reduce((sum, p) => sum + p, 0)).toBeLessThanOrEqual(1 + 1e-6);
    }
    await plain.close();
  });

  it('leaves text-only prompts exactly as without the adapter, and changes prompts with a picture', async () => {
    const plain = await open();
    const textPlain = await greedyProbs(plain, false);
    const picturePlain = await greedyProbs(plain, true);
    await plain.close();
    const adapted = await open(adapter);
    expect(adapted.info.imageAdapterPath).toBe(adapter);
    const textAdapted = await greedyProbs(adapted, false);
    const pictureAdapted = await greedyProbs(adapted, true);
    // The same text again after a picture: the adapter was switched off again.
    const textAfterPicture = await greedyProbs(adapted, false);
    await adapted.close();
    expect(largestDifference(textPlain, textAdapted)).toBeLessThan(1e-6);
    expect(largestDifference(textPlain, textAfterPicture)).toBeLessThan(1e-6);
    expect(largestDifference(picturePlain, pictureAdapted)).toBeGreaterThan(1e-3);
  });
});

describe('engines that cannot apply an adapter to pictures only', () => {
  it('refuse the model and name the engine that can', async () => {
    await expect(open(adapter, 'llama-node')).rejects.toMatchObject({
      code: 'backend-unavailable',
      message: expect.stringMatching(/llama-server/),
    });
  });

  it('refuse an adapter made for another model', async () => {
    const wrong = path.join(dir, 'wrong-adapter.gguf');
    await writeGguf(wrong, tinyImageAdapter({ embeddingLength: 32 }));
    await expect(open(wrong, 'llama-node')).rejects.toMatchObject({ code: 'adapter-mismatch' });
  });
});
