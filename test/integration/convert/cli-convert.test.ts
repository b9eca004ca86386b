/**
 * `folio convert` as a user runs it, on the tiny XComposer2 checkpoint (real torch.save shards
 * and a safetensors copy): what it writes, what it refuses, and that the result loads and
 * answers about a picture of the checkpoint's image size.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AbortedError } from '../../../native-models/errors';
import { convertXComposer2 } from '../../../native-models/convert/convert-xcomposer2';
import type { ConvertedManifest } from '../../../native-models/convert/converted-manifest';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import { readGgufHeader } from '../../../native-models/gguf/gguf-reader';
import { fixture } from '../../helpers/fixture-paths';
import { testPicture } from '../../fixtures/png';

const FOLIO = path.resolve('bin/folio.js');
const BIN = fixture('xcomposer2/tiny-bin');
const SAFETENSORS = fixture('xcomposer2/tiny-safetensors');
const SHARD_2 = 'pytorch_model-00002-of-00002.bin';

function folio(args: string[], cwd = process.cwd()) {
  const run = spawnSync(process.execPath, [FOLIO, ...args], { encoding: 'utf8', timeout: 120_000, cwd });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const scratch = (): string => mkdtempSync(path.join(os.tmpdir(), 'folio-convert-'));

/** A copy of the tiny checkpoint under `name`, changed by `edit`. */
function checkpointCopy(from: string, name: string, edit: (dir: string) => void = () => undefined): string {
  const dir = path.join(scratch(), name);
  cpSync(from, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** Renames one tensor in a safetensors file (the header is rewritten; the data stays). */
function renameSafetensorsTensor(file: string, from: string, to: string): void {
  const bytes = readFileSync(file);
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as Record<string, unknown>;
  header[to] = header[from];
  delete header[from];
  const text = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(text.length));
  writeFileSync(file, Buffer.concat([length, text, bytes.subarray(8 + headerLength)]));
}

let converted = '';
let manifest: ConvertedManifest;

beforeAll(() => {
  converted = path.join(scratch(), 'xcomposer2-tiny');
  const run = folio(['convert', BIN, '-o', converted]);
  if (run.code !== 0) throw new Error(`convert failed: ${run.stderr}`);
  manifest = JSON.parse(readFileSync(path.join(converted, 'folio-model.json'), 'utf8')) as ConvertedManifest;
}, 120_000);

describe('folio convert', () => {
  it('writes the decoder, the Partial LoRA adapter, the projector and a manifest naming them', () => {
    expect(readdirSync(converted).sort()).toEqual([
      'folio-model.json',
      'tiny-bin-f16.gguf',
      'tiny-bin-mmproj-f16.gguf',
      'tiny-bin-plora-f16.gguf',
    ]);
    expect(manifest).toMatchObject({ decoder: 'tiny-bin-f16.gguf', projector: 'tiny-bin-mmproj-f16.gguf', imageSize: 28, imageTokens: 4 });
    expect(manifest.adapter).toEqual({ file: 'tiny-bin-plora-f16.gguf', appliesTo: 'image-tokens', scale: 1 });
  });

  it('writes an internlm2 decoder whose chat markers are control tokens and whose turn end ends generation', async () => {
    const { metadata, tensors } = await readGgufHeader(path.join(converted, manifest.decoder));
    expect(metadata.get('general.architecture')).toBe('internlm2');
    const tokens = metadata.get('tokenizer.ggml.tokens') as string[];
    const types = metadata.get('tokenizer.ggml.token_type') as number[];
    const turnEnd = tokens.indexOf('[UNUSED_TOKEN_145]');
    const turnStart = tokens.indexOf('[UNUSED_TOKEN_146]');
    expect([types[turnEnd], types[turnStart]]).toEqual([3, 3]);
    expect(metadata.get('tokenizer.ggml.eos_token_id')).toBe(turnEnd);
    expect(metadata.get('tokenizer.ggml.eot_token_id')).toBe(turnEnd);
    const q = tensors.find((t) => t.name === 'blk.1.attn_q.weight');
    const k = tensors.find((t) => t.name === 'blk.1.attn_k.weight');
    expect([q?.dims, k?.dims]).toEqual([
      [64, 64],
      [64, 32],
    ]);
    expect(tensors.some((t) => t.name.includes('wqkv'))).toBe(false);
  });

  it('writes the adapter as a llama.cpp LoRA with alpha equal to the rank (scale 1), wqkv split into q, k, v', async () => {
    const { metadata, tensors } = await readGgufHeader(path.join(converted, manifest.adapter.file));
    expect(metadata.get('general.type')).toBe('adapter');
    expect(metadata.get('adapter.type')).toBe('lora');
    expect(metadata.get('adapter.lora.alpha')).toBe(8);
    const dims = (name: string) => tensors.find((t) => t.name === name)?.dims;
    expect(dims('blk.0.attn_q.weight.lora_a')).toEqual([64, 8]);
    expect(dims('blk.0.attn_q.weight.lora_b')).toEqual([8, 64]);
    expect(dims('blk.0.attn_k.weight.lora_b')).toEqual([8, 32]);
    expect(dims('blk.1.ffn_down.weight.lora_a')).toEqual([128, 8]);
    expect(tensors).toHaveLength(2 * 7 * 2);
  });

  it('writes a clip "mlp" projector that runs every block and has no post-layernorm', async () => {
    const { metadata, tensors } = await readGgufHeader(path.join(converted, manifest.projector));
    expect(metadata.get('clip.projector_type')).toBe('mlp');
    expect(metadata.get('clip.vision.image_size')).toBe(28);
    expect(metadata.get('clip.vision.block_count')).toBe(2);
    expect(metadata.get('clip.vision.feature_layer')).toEqual([2]);
    expect(metadata.get('clip.vision.projection_dim')).toBe(64);
    expect(metadata.has('clip.use_gelu')).toBe(false); // quick GELU, as OpenAI CLIP
    const names = tensors.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'v.class_embd',
        'v.patch_embd.weight',
        'v.position_embd.weight',
        'v.pre_ln.weight',
        'v.blk.1.ffn_down.bias',
        'mm.0.weight',
        'mm.2.bias',
      ]),
    );
    expect(names.filter((n) => n.startsWith('v.post_ln'))).toEqual([]);
  });

  it('converts the safetensors copy to the same bytes as the .bin shards', () => {
    const fromBin = path.join(scratch(), 'out');
    const fromSafetensors = path.join(scratch(), 'out');
    expect(folio(['convert', checkpointCopy(BIN, 'same-name'), '-o', fromBin]).code).toBe(0);
    expect(folio(['convert', checkpointCopy(SAFETENSORS, 'same-name'), '-o', fromSafetensors, '--type', 'f16']).code).toBe(0);
    for (const file of ['same-name-f16.gguf', 'same-name-plora-f16.gguf', 'same-name-mmproj-f16.gguf']) {
      expect(readFileSync(path.join(fromSafetensors, file)).equals(readFileSync(path.join(fromBin, file)))).toBe(true);
    }
  });

  it('writes Q8_0 weights with --type q8_0, smaller than f16', () => {
    const out = path.join(scratch(), 'q8');
    const run = folio(['convert', BIN, '-o', out, '--type', 'q8_0']);
    expect(run.code).toBe(0);
    expect(statSync(path.join(out, 'tiny-bin-q8_0.gguf')).size).toBeLessThan(
      statSync(path.join(converted, 'tiny-bin-f16.gguf')).size * 0.7,
    );
  });

  const refusals: Array<{ name: string; checkpoint: () => string; line: RegExp }> = [
    { name: 'a folder that is not a checkpoint', checkpoint: () => scratch(), line: /is not a model checkpoint: it has no config\.json/ },
    {
      name: 'a checkpoint of another model',
      checkpoint: () =>
        checkpointCopy(BIN, 'llava', (dir) =>
          writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ architectures: ['LlavaForConditionalGeneration'] })),
        ),
      line: /is not an InternLM-XComposer2 checkpoint \(its config\.json names LlavaForConditionalGeneration\)/,
    },
    {
      name: 'a truncated shard',
      checkpoint: () =>
        checkpointCopy(BIN, 'cut', (dir) => truncateSync(path.join(dir, SHARD_2), Math.floor(statSync(path.join(dir, SHARD_2)).size / 2))),
      line: /pytorch_model-00002-of-00002\.bin is damaged or incomplete/,
    },
    {
      name: 'a shape that does not match config.json',
      checkpoint: () =>
        checkpointCopy(BIN, 'reshaped', (dir) => {
          const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
          writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, intermediate_size: 96 }));
        }),
      line: /model\.layers\.0\.feed_forward\.w1\.weight has shape 128×64, but config\.json .* implies 96×64/,
    },
    {
      name: 'an InternLM-XComposer2-4KHD checkpoint',
      checkpoint: () =>
        checkpointCopy(SAFETENSORS, '4khd', (dir) =>
          renameSafetensorsTensor(path.join(dir, 'model.safetensors'), 'vision_proj.2.bias', 'plora_glb_GN'),
        ),
      line: /InternLM-XComposer2-4KHD checkpoint; Folio converts internlm-xcomposer2-7b and internlm-xcomposer2-vl-7b/,
    },
    {
      name: 'a shard whose pickle names a forbidden global',
      checkpoint: () =>
        checkpointCopy(BIN, 'unsafe', (dir) => cpSync(fixture('xcomposer2/pickles/forbidden-global.bin'), path.join(dir, SHARD_2))),
      line: /pytorch_model-00002-of-00002\.bin asks to run "posix\.system".*nothing was run/,
    },
  ];

  for (const { name, checkpoint, line } of refusals) {
    it(`refuses ${name} with one line and exit 2, leaving nothing behind`, () => {
      const parent = scratch();
      const out = path.join(parent, 'converted');
      const cwd = scratch();
      const run = folio(['convert', checkpoint(), '-o', out], cwd);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('Converting'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^folio: /);
      expect(lines[0]).toMatch(line);
      expect(readdirSync(parent)).toEqual([]);
      // The forbidden pickle would `touch PAYLOAD-RAN` in the working folder if it ever ran.
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  it('refuses to write into a folder that already holds files', () => {
    const run = folio(['convert', BIN, '-o', converted]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/already exists and is not empty/);
    expect(readdirSync(converted)).toHaveLength(4);
  });

  it('leaves nothing behind when cancelled', async () => {
    const parent = scratch();
    const controller = new AbortController();
    let calls = 0;
    const conversion = convertXComposer2({
      checkpointDir: BIN,
      outDir: path.join(parent, 'converted'),
      signal: controller.signal,
      onProgress: () => {
        if (++calls === 3) controller.abort();
      },
    });
    await expect(conversion).rejects.toBeInstanceOf(AbortedError);
    expect(readdirSync(parent)).toEqual([]);
  });
});

const llamaServer = await findLlamaServerBinary();

describe('the converted decoder and projector in the engines', () => {
  // Only these two files, without the manifest: what is tested is that llama.cpp loads what the
  // converter wrote. Applying the adapter on image positions is the engines' part, tested there.
  const pair = (): { decoder: string; projector: string } => {
    const dir = scratch();
    cpSync(path.join(converted, manifest.decoder), path.join(dir, 'decoder.gguf'));
    cpSync(path.join(converted, manifest.projector), path.join(dir, 'mmproj.gguf'));
    return { decoder: path.join(dir, 'decoder.gguf'), projector: path.join(dir, 'mmproj.gguf') };
  };
  const picture = (): string => {
    const file = path.join(scratch(), 'picture.png');
    writeFileSync(file, testPicture(5, 28));
    return file;
  };
  it.skipIf(!llamaServer)(
    "writes Q4_K_M with --type q4_k_m through llama.cpp's quantizer, and the folder answers with its adapter",
    async () => {
      const out = path.join(scratch(), 'q4');
      const run = folio(['convert', BIN, '-o', out, '--type', 'q4_k_m']);
      expect(run.stderr).toMatch(/to 4 bits: 100%/);
      expect(run.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual([
        'folio-model.json',
        'tiny-bin-mmproj-f16.gguf',
        'tiny-bin-plora-f16.gguf',
        'tiny-bin-q4_k_m.gguf',
      ]);
      const header = await readGgufHeader(path.join(out, 'tiny-bin-q4_k_m.gguf'));
      expect(header.metadata.get('general.file_type')).toBe(15); // LLAMA_FTYPE_MOSTLY_Q4_K_M
      // Rows shorter than Q4_K's 256-value blocks fall back to llama.cpp's Q5_0 / Q8_0 choices, as in any tiny model.
      expect(
        header.tensors
          .filter((tensor) => tensor.dims.length === 2)
          .every((tensor) => ['Q4_K', 'Q5_0', 'Q5_K', 'Q6_K', 'Q8_0'].includes(tensor.typeName)),
      ).toBe(true);
      const ask = folio(['ask', '--model', out, '--image', picture(), '--seed', '2', '--max-tokens', '8', 'What is in this picture?']);
      expect(ask.stderr).toBe('');
      expect(ask.code).toBe(0);
    },
  );

  /** folio ask about a 28 px picture with the converted decoder and projector given as files. */
  const askPair = (engine: string): ReturnType<typeof folio> => {
    const { decoder, projector } = pair();
    return folio(
      ['ask', '--engine', engine, '--model', decoder, '--mmproj', projector, '--image', picture()].concat([
        '--seed',
        '2',
        '--max-tokens',
        '8',
        'What is in this picture?',
      ]),
    );
  };

  it('refuses folio ask with llama-node, whose llava graph puts the class token last, naming llama-server', () => {
    const run = askPair('llama-node');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/llama.node engine.*llama-server engine/);
  });

  for (const engine of llamaServer ? ['llama-server'] : []) {
    it(`answers folio ask about a 28 px picture with ${engine}`, () => {
      const run = askPair(engine);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout.trim().length).toBeGreaterThan(0);
    });
  }
});
