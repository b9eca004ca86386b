/**
 * The independent reference forward pass (test/fixtures/xcomposer2/reference_forward.py, float32
 * python3-torch from the published math) on the tiny checkpoint, and the converted model in
 * llama-server against it. The adapter is not applied by the engine here, so the engine is
 * compared with the reference's adapter-nowhere run: what this checks is the conversion itself
 * (decoder split and permutation, tokenizer, CLIP tower, projector). The adapter on image
 * positions is the engines' part; these runs show the three ways of applying it differ by far
 * more than the 1e-3 a comparison allows, so such a comparison can fail.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertXComposer2 } from '../../../native-models/convert/convert-xcomposer2';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/build/llama-server-binary';
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
 * Measured with f32 weights and KV cache: 1.2e-6 for text alone, 3.4e-4 with the picture (the
 * rest is ggml's GELU approximations in the image reader). llama.cpp's CPU flash attention
 * rounds through f16 (1.5e-3 on text alone), so the server runs without it here.
 */
const SERVER_ARGS = ['--ctx-size', '512', '--threads', '1', '--no-warmup', '--flash-attn', 'off', '--cache-type-k', 'f32', '--cache-type-v', 'f32'];

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
  it(`agrees within ${TOLERANCE} over ${TOKENS} greedy tokens, f32 weights (adapter off on both sides)`, async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-converted-')), 'model');
    const { manifest } = await convertXComposer2({ checkpointDir: CHECKPOINT, outDir: out, type: 'f32' });
    // Only decoder and projector, so nothing attaches the adapter.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-pair-'));
    cpSync(path.join(out, manifest.decoder), path.join(dir, 'decoder.gguf'));
    cpSync(path.join(out, manifest.projector), path.join(dir, 'mmproj.gguf'));
    const engine = await llamaServerSteps(path.join(dir, 'decoder.gguf'), path.join(dir, 'mmproj.gguf'));
    expect(engine).toHaveLength(TOKENS);
    // llama.cpp's llava graph appends CLIP's class token after the patches (llama.cpp #25814);
    // until our build carries the fix, the engine matches the reference run in that order.
    const [clipOrder, llamaCppOrder] = await Promise.all([reference('nowhere'), reference('nowhere', '--clip-class-last')]);
    const best = Math.min(gap(clipOrder, engine), gap(llamaCppOrder, engine));
    expect(best).toBeLessThan(TOLERANCE);
    expect(engine.map((s) => s.id)).toEqual((gap(clipOrder, engine) < TOLERANCE ? clipOrder : llamaCppOrder).map((s) => s.id));
  }, 240_000);
});

/** Greedy steps with top-5 probabilities from the llama-server binary itself, started with SERVER_ARGS. */
async function llamaServerSteps(decoder: string, projector: string): Promise<Step[]> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const server = spawn(llamaServer!.server, ['--model', decoder, '--mmproj', projector, '--host', '127.0.0.1', '--port', String(port), ...SERVER_ARGS], {
    env: { ...process.env, LLAMA_MEDIA_MARKER: '<__media__>' },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let tries = 0; ; tries++) {
      const ready = await fetch(`${base}/health`).then((r) => r.ok, () => false);
      if (ready) break;
      if (tries > 300) throw new Error('llama-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const response = await fetch(`${base}/completion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        prompt: { prompt_string: `<__media__>${QUESTION}`, multimodal_data: [readFileSync(picture).toString('base64')] },
        n_predict: TOKENS,
        n_probs: 5,
        temperature: 0,
        cache_prompt: false,
      }),
    });
    const body = (await response.json()) as { completion_probabilities: Array<{ id: number; top_logprobs: Array<{ id: number; logprob: number }> }> };
    return body.completion_probabilities.map((step) => ({ id: step.id, top: step.top_logprobs.map((t): [number, number] => [t.id, Math.exp(t.logprob)]) }));
  } finally {
    server.kill('SIGKILL');
  }
}
