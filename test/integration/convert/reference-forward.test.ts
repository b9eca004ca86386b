/**
 * The independent reference forward pass (test/fixtures/xcomposer2/reference_forward.py, float32
 * python3-torch from the published math) on the tiny checkpoint, and the converted model in
 * llama-server against it. The adapter is not applied by the engine here, so the engine is
 * compared with the reference's adapter-nowhere run: what this checks is the conversion itself
 * (decoder split and permutation, tokenizer, CLIP tower, projector). The adapter on image
 * positions is the engines' part; these runs show the three ways of applying it differ by far
 * more than the 1e-3 a comparison allows, so such a comparison can fail.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertXComposer2 } from '../../../native-models/convert/convert-xcomposer2';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/build/llama-server-binary';
import { startLlamaServer } from '../../../native-models/engines/llama-server/llama-server-process';
import { fixture } from '../../helpers/fixture-paths';
import { testPicture } from '../../fixtures/png';
import { pythonWithTorch } from '../../fixtures/xcomposer2-checkpoint';

const CHECKPOINT = fixture('xcomposer2/tiny-bin');
const SCRIPT = path.resolve('test/fixtures/xcomposer2/reference_forward.py');
const QUESTION = 'What is in this picture?';
const TOKENS = 8;
/** What the Partial LoRA comparison must meet (issue 13). */
const TOLERANCE = 1e-3;
/**
 * This check's own bound: measured 9.0e-4 with f32 weights (f32 or f16 KV cache alike) and
 * 1.9e-3 with f16 weights; the remainder comes from inside llama.cpp's CPU graph and is not yet
 * pinned down, so a different CPU's rounding gets some room here.
 */
const CONVERSION_TOLERANCE = 2e-3;

interface Step {
  id: number;
  top: Array<[number, number]>;
}

let picture = '';

beforeAll(() => {
  picture = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-reference-')), 'picture.png');
  writeFileSync(picture, testPicture(5, 28)); // the checkpoint's image size: nothing is resized
});

async function reference(lora: 'partial' | 'everywhere' | 'nowhere', ...extra: string[]): Promise<Step[]> {
  const out = execFileSync(await pythonWithTorch(), [SCRIPT, CHECKPOINT, picture, `<ImageHere>${QUESTION}`, '--lora', lora, '--tokens', String(TOKENS), ...extra], { encoding: 'utf8', timeout: 120_000 });
  return out.trim().split('\n').map((line) => JSON.parse(line) as Step);
}

/** The largest probability gap over the steps both runs share, 1 where their top ids differ. */
function gap(a: Step[], b: Step[]): number {
  let worst = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const mine = new Map(a[i]!.top);
    for (const [id, p] of b[i]!.top) worst = Math.max(worst, mine.has(id) ? Math.abs(mine.get(id)! - p) : 1);
    if (a[i]!.id !== b[i]!.id) break; // after a different token the contexts differ
  }
  return worst;
}

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

describe.skipIf(!llamaServer)('the converted tiny model in llama-server against the reference', () => {
  it(`agrees within ${CONVERSION_TOLERANCE} over ${TOKENS} greedy tokens, f32 weights (adapter off on both sides)`, async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-converted-')), 'model');
    const { manifest } = await convertXComposer2({ checkpointDir: CHECKPOINT, outDir: out, type: 'f32' });
    // Only decoder and projector, so nothing attaches the adapter.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-pair-'));
    cpSync(path.join(out, manifest.decoder), path.join(dir, 'decoder.gguf'));
    cpSync(path.join(out, manifest.projector), path.join(dir, 'mmproj.gguf'));
    const server = await startLlamaServer({ binary: llamaServer!.server, model: path.join(dir, 'decoder.gguf'), projector: path.join(dir, 'mmproj.gguf'), contextSize: 512, threads: 1, gpuLayers: 0 });
    let engine: Step[];
    try {
      const response = await fetch(`${server.baseUrl}/completion`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.apiKey}` },
        body: JSON.stringify({
          prompt: { prompt_string: `<__media__>${QUESTION}`, multimodal_data: [readFileSync(picture).toString('base64')] },
          n_predict: TOKENS,
          n_probs: 5,
          temperature: 0,
          cache_prompt: false,
        }),
      });
      const body = (await response.json()) as { completion_probabilities: Array<{ id: number; top_logprobs: Array<{ id: number; logprob: number }> }> };
      engine = body.completion_probabilities.map((step) => ({ id: step.id, top: step.top_logprobs.map((t): [number, number] => [t.id, Math.exp(t.logprob)]) }));
    } finally {
      await server.stop();
    }
    expect(engine).toHaveLength(TOKENS);
    // llama.cpp's llava graph appends CLIP's class token after the patches (llama.cpp #25814);
    // until our build carries the fix, the engine matches the reference run in that order.
    const [clipOrder, llamaCppOrder] = await Promise.all([reference('nowhere'), reference('nowhere', '--clip-class-last')]);
    const best = Math.min(gap(clipOrder, engine), gap(llamaCppOrder, engine));
    expect(best).toBeLessThan(CONVERSION_TOLERANCE);
    expect(engine.map((s) => s.id)).toEqual((gap(clipOrder, engine) < CONVERSION_TOLERANCE ? clipOrder : llamaCppOrder).map((s) => s.id));
  }, 240_000);
});
