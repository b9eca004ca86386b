/**
 * llama.cpp's InternVL graph against an independent float32 InternViT (issue 21, item 5). A tiny
 * InternVL projector (56 px, so 16 patches become 4 tokens through the pixel shuffle) is paired
 * with a one-block decoder whose attention is the plain average of everything so far (W_q = 0,
 * W_v = W_o = identity) and whose FFN adds nothing, so llama-server's per-token embeddings
 * (`--pooling none`, given for text positions only) after the picture carry its tokens'
 * average; the reference (test/fixtures/internvl/reference_embeddings.py, written from InternVL's
 * modeling code) computes the same, with the class token first as InternViT has it, or last as
 * llama.cpp's graph put it before our patch (internvl-class-token-patch.ts). Folio's build must
 * match the first.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGguf, type GgufTensorSpec } from '../../native-models/gguf/gguf-writer';
import { decoderSpec } from '../../native-models/demo/decoder-spec';
import { projectorSpec } from '../../native-models/demo/projector-spec';
import { constantTensor } from '../../native-models/demo/tensor-fills';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { encodePng } from '../fixtures/png';
import { pythonWithTorch } from '../fixtures/xcomposer2-checkpoint';

const SCRIPT = path.resolve('test/fixtures/internvl/reference_embeddings.py');
const SIZE = 56;
const binary = await findLlamaServerBinary();
let dir = '';
let server: ChildProcess | null = null;
let baseUrl = '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  if (!binary) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-internvl-'));
  await writeGguf(path.join(dir, 'mmproj.gguf'), projectorSpec({ imageSize: SIZE, projectionDim: 64, seed: 7 }));
  const decoder = decoderSpec({ blockCount: 1, headCountKv: 4 });
  const identity = (name: string, side: number): GgufTensorSpec => ({
    name,
    dims: [side, side],
    type: 'F32',
    fill: (values) => {
      for (let i = 0; i < side; i++) values[i * side + i] = 1;
    },
  });
  decoder.tensors = decoder.tensors.map((tensor) => {
    if (/attn_q|ffn_down/.test(tensor.name)) return constantTensor(tensor.name, [...tensor.dims], 0);
    if (/attn_v|attn_output/.test(tensor.name)) return identity(tensor.name, tensor.dims[0] as number);
    return tensor;
  });
  await writeGguf(path.join(dir, 'decoder.gguf'), decoder);
  writeFileSync(
    path.join(dir, 'picture.png'),
    encodePng(SIZE, SIZE, (x, y) => [(x * 5 + y * 2) & 255, ((x >> 2) * 40 + y * 3) & 255, ((x ^ y) * 9) & 255]),
  );
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(
    binary.server,
    ['-m', path.join(dir, 'decoder.gguf'), '--mmproj', path.join(dir, 'mmproj.gguf'), '--embeddings', '--pooling', 'none'].concat([
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '-c',
      '512',
      '-t',
      '1',
      '--no-mmproj-offload',
      '-ngl',
      '0',
      '--no-webui',
    ]),
    { stdio: 'ignore', env: { ...process.env, LLAMA_MEDIA_MARKER: '<__media__>', FOLIO_IMAGE_LORA: '' } },
  );
  for (let tries = 0; tries < 600; tries++) {
    const healthy = await fetch(`${baseUrl}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('llama-server did not start');
}, 120_000);
afterAll(() => {
  server?.kill();
});

async function tokenIds(content: string, addSpecial: boolean): Promise<number[]> {
  const response = await fetch(`${baseUrl}/tokenize`, {
    method: 'POST',
    body: JSON.stringify({ content, add_special: addSpecial, parse_special: true }),
  });
  return ((await response.json()) as { tokens: number[] }).tokens;
}

/** The reference's output rows for the text around the picture: BOS and <img> before it, </img> after it, as mtmd wraps it. */
async function reference(...extra: string[]): Promise<{ embeddings: number[][]; rows: number[][] }> {
  const [before, after] = await Promise.all([tokenIds('<img>', true), tokenIds('</img>', false)]);
  const out = execFileSync(
    await pythonWithTorch(),
    [SCRIPT, path.join(dir, 'mmproj.gguf'), path.join(dir, 'picture.png'), '--decoder', path.join(dir, 'decoder.gguf')].concat([
      '--ids-before',
      before.join(','),
      '--ids-after',
      after.join(','),
      ...extra,
    ]),
    { encoding: 'utf8', timeout: 120_000 },
  );
  return JSON.parse(out) as { embeddings: number[][]; rows: number[][] };
}

/** The largest difference between two sets of rows, Infinity when their counts differ. */
function largestDifference(a: number[][], b: number[][]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  a.forEach((row, i) => row.forEach((value, k) => (worst = Math.max(worst, Math.abs(value - (b[i]?.[k] ?? Number.NaN))))));
  return worst;
}

describe.skipIf(!binary)('llama.cpp’s InternVL graph against an independent InternViT', () => {
  it('puts the class token first, as InternViT does: the picture’s embeddings match, the class-last ones do not', async () => {
    const response = await fetch(`${baseUrl}/embedding`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        content: { prompt_string: '<__media__>', multimodal_data: [readFileSync(path.join(dir, 'picture.png')).toString('base64')] },
        embd_normalize: -1,
      }),
    });
    expect(response.status).toBe(200);
    const rows = ((await response.json()) as Array<{ embedding: number[][] }>)[0]?.embedding ?? [];
    const [classFirst, classLast] = await Promise.all([reference(), reference('--class-last')]);
    expect(classFirst.embeddings).toHaveLength(4);
    // The server gives the rows of the last text chunk, </img>: the ones that see the picture.
    const right = largestDifference(rows, classFirst.rows.slice(-rows.length));
    const wrong = largestDifference(rows, classLast.rows.slice(-rows.length));
    console.log(`internvl rows: ${rows.length}; class first ${right.toExponential(2)}, class last ${wrong.toExponential(2)}`);
    expect(right).toBeLessThan(1e-3);
    expect(wrong).toBeGreaterThan(10 * right);
  }, 180_000);
});
