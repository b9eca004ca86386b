/**
 * Issue 13's correctness check, without real weights: the independent reference forward pass
 * (test/fixtures/xcomposer2/reference_forward.py, float32 python3-torch from the published math:
 * CLIP, the MLP, InternLM2 with Partial LoRA on image positions) on the tiny checkpoint, against
 * the converted model in Folio's own engine (model host, llama-server with our patches, the
 * adapter attached by the converted folder's manifest). They agree within 1e-3 over 8 greedy
 * tokens with a picture that needs no resizing; the adapter applied to every token, or to none,
 * does not.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertXComposer2 } from '../../../native-models/convert/convert-xcomposer2';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import { ModelSession } from '../../../electron/studio/model/model-session';
import { fixture } from '../../helpers/fixture-paths';
import { testPicture } from '../../fixtures/png';
import { referenceSteps, stepsGap, type Step } from '../../helpers/xcomposer2-vocabulary';

const CHECKPOINT = fixture('xcomposer2/tiny-bin');
const QUESTION = 'What is in this picture?';
const TOKENS = 8;
/** What the Partial LoRA comparison must meet (issue 13). */
const TOLERANCE = 1e-3;
/**
 * Measured with f32 weights and KV cache: 1.2e-6 for text alone, 3.4e-4 with the picture (the
 * rest is ggml's GELU approximations in the image reader). llama.cpp's CPU flash attention
 * rounds through f16 (1.5e-3 on text alone), so the engine runs in full precision here.
 */

let picture = '';

beforeAll(() => {
  picture = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-reference-')), 'picture.png');
  writeFileSync(picture, testPicture(5, 28)); // the checkpoint's image size: nothing is resized
});

const reference = (lora: 'partial' | 'everywhere' | 'nowhere', ...extra: string[]): Promise<Step[]> =>
  referenceSteps(CHECKPOINT, picture, `<ImageHere>${QUESTION}`, '--lora', lora, '--tokens', String(TOKENS), ...extra);
const gap = stepsGap;

describe('reference forward pass of the tiny XComposer2 checkpoint', () => {
  it('tells Partial LoRA apart from the adapter everywhere and nowhere', async () => {
    const [partial, everywhere, nowhere] = await Promise.all([reference('partial'), reference('everywhere'), reference('nowhere')]);
    expect(partial).toHaveLength(TOKENS);
    for (const step of partial) {
      expect(step.top).toHaveLength(5);
      expect(step.top[0]![0]).toBe(step.id);
      expect(step.top.map(([, p]) => p)).toEqual([...step.top.map(([, p]) => p)].sort((x, y) => y - x));
    }
    expect(gap(partial, everywhere)).toBeGreaterThan(10 * TOLERANCE);
    expect(gap(partial, nowhere)).toBeGreaterThan(10 * TOLERANCE);
  }, 180_000);
});

const llamaServer = await findLlamaServerBinary();

describe.skipIf(!llamaServer)("the converted tiny model in Folio's engine against the reference", () => {
  let converted = '';
  let bare = '';
  beforeAll(async () => {
    converted = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-converted-')), 'model');
    const { manifest } = await convertXComposer2({ checkpointDir: CHECKPOINT, outDir: converted, type: 'f32' });
    // The decoder and projector alone: nothing attaches the adapter.
    bare = mkdtempSync(path.join(os.tmpdir(), 'folio-pair-'));
    cpSync(path.join(converted, manifest.decoder), path.join(bare, 'decoder.gguf'));
    cpSync(path.join(converted, manifest.projector), path.join(bare, 'mmproj.gguf'));
  }, 120_000);

  it(`applies Partial LoRA as the reference does, within ${TOLERANCE} over ${TOKENS} greedy tokens, and the adapter everywhere or nowhere fails that`, async () => {
    const engine = await engineSteps({ decoderPath: converted });
    expect(engine).toHaveLength(TOKENS);
    const [partial, everywhere, nowhere] = await Promise.all([reference('partial'), reference('everywhere'), reference('nowhere')]);
    expect(gap(partial, engine)).toBeLessThan(TOLERANCE);
    expect(engine.map((step) => step.id)).toEqual(partial.map((step) => step.id));
    expect(gap(everywhere, engine)).toBeGreaterThan(TOLERANCE);
    expect(gap(nowhere, engine)).toBeGreaterThan(TOLERANCE);
  }, 240_000);

  it('without its adapter matches the adapter-nowhere reference, and not Partial LoRA', async () => {
    const engine = await engineSteps({ decoderPath: path.join(bare, 'decoder.gguf'), projectorPath: path.join(bare, 'mmproj.gguf') });
    const [partial, nowhere] = await Promise.all([reference('partial'), reference('nowhere')]);
    expect(gap(nowhere, engine)).toBeLessThan(TOLERANCE);
    expect(gap(partial, engine)).toBeGreaterThan(TOLERANCE);
  }, 240_000);
  // `folio ask --probs` itself: xcomposer2-chat-reference.test.ts, against the original chat() prompt.
});

/**
 * Greedy steps with top-5 probabilities through the studio's own engine (the model host and
 * llama-server, its adapter attached by the converted folder's manifest), in full precision:
 * f32 KV cache and no flash attention, which rounds through f16 on the CPU.
 */
async function engineSteps(files: { decoderPath: string; projectorPath?: string }): Promise<Step[]> {
  const session = await ModelSession.open({
    ...files,
    engine: 'llama-server',
    fullPrecision: true,
    contextSize: 512,
    threads: 1,
    backend: 'cpu',
  });
  try {
    const result = await session.engine.complete({
      // The reference's prompt: BOS, the picture, then the question (no chat turns).
      prompt: [
        { type: 'image', image: { path: picture } },
        { type: 'text', text: QUESTION },
      ],
      maxTokens: TOKENS,
      sampling: { temperature: 0, topK: 1, seed: 0 },
      probs: 5,
    });
    return (result.tokenProbs ?? []).map((step) => ({ id: step.id, top: step.top.map((top): [number, number] => [top.id, top.prob]) }));
  } finally {
    await session.close();
  }
}
