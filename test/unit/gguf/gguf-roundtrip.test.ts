import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfBitsToFloat } from '../../../native-models/gguf/ggml-encode';
import { readGgufHeader } from '../../../native-models/gguf/gguf-reader';
import { writeGguf, type GgufWriteSpec } from '../../../native-models/gguf/gguf-writer';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'folio-gguf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ramp = (scale: number) => (values: Float32Array, start: number) => {
  for (let i = 0; i < values.length; i++) values[i] = scale * Math.sin(start + i);
};

function spec(alignment?: number): GgufWriteSpec {
  return {
    ...(alignment ? { alignment } : {}),
    metadata: [
      { key: 'general.architecture', type: 'string', value: 'llama' },
      { key: 't.u8', type: 'u8', value: 255 },
      { key: 't.i8', type: 'i8', value: -128 },
      { key: 't.u16', type: 'u16', value: 65535 },
      { key: 't.i16', type: 'i16', value: -32768 },
      { key: 't.u32', type: 'u32', value: 4_000_000_000 },
      { key: 't.i32', type: 'i32', value: -2_000_000_000 },
      { key: 't.f32', type: 'f32', value: 0.5 },
      { key: 't.bool', type: 'bool', value: true },
      { key: 't.string', type: 'string', value: 'ünïcode ▁text' },
      { key: 't.u64', type: 'u64', value: 2n ** 63n + 5n },
      { key: 't.i64', type: 'i64', value: -(2n ** 62n) },
      { key: 't.f64', type: 'f64', value: Math.PI },
      { key: 't.strings', type: 'array', itemType: 'string', value: ['<s>', '▁the', ''] },
      { key: 't.floats', type: 'array', itemType: 'f32', value: [0.25, -1.5] },
      { key: 't.ints', type: 'array', itemType: 'i32', value: [1, -2, 3] },
    ],
    tensors: [
      { name: 'a.f32', dims: [3, 5], type: 'F32', fill: ramp(1) },
      { name: 'b.f16', dims: [7], type: 'F16', fill: ramp(0.1) },
      { name: 'c.q8_0', dims: [64, 3], type: 'Q8_0', fill: ramp(0.05) },
    ],
  };
}

async function readBytes(file: string, at: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, at);
    return buffer;
  } finally {
    await handle.close();
  }
}

describe('GGUF writer and reader', () => {
  it('round-trips every metadata type', async () => {
    const file = path.join(dir, 'meta.gguf');
    await writeGguf(file, spec());
    const header = await readGgufHeader(file);
    expect(header.version).toBe(3);
    const m = header.metadata;
    expect(m.get('t.u8')).toBe(255);
    expect(m.get('t.i8')).toBe(-128);
    expect(m.get('t.u16')).toBe(65535);
    expect(m.get('t.i16')).toBe(-32768);
    expect(m.get('t.u32')).toBe(4_000_000_000);
    expect(m.get('t.i32')).toBe(-2_000_000_000);
    expect(m.get('t.f32')).toBe(0.5);
    expect(m.get('t.bool')).toBe(true);
    expect(m.get('t.string')).toBe('ünïcode ▁text');
    expect(m.get('t.u64')).toBe(2n ** 63n + 5n);
    expect(m.get('t.i64')).toBe(-(2n ** 62n));
    expect(m.get('t.f64')).toBe(Math.PI);
    expect(m.get('t.strings')).toEqual(['<s>', '▁the', '']);
    expect(m.get('t.floats')).toEqual([0.25, -1.5]);
    expect(m.get('t.ints')).toEqual([1, -2, 3]);
  });

  it('lays tensors out aligned, with sizes from their ggml type, and the data decodes back', async () => {
    const file = path.join(dir, 'tensors.gguf');
    const written = await writeGguf(file, spec(64));
    const header = await readGgufHeader(file);
    expect(header.alignment).toBe(64);
    expect(header.metadata.get('general.alignment')).toBe(64);
    expect(header.dataOffset).toBe(written.dataOffset);
    expect(header.dataOffset % 64).toBe(0);
    expect(header.fileSize).toBe(written.fileSize);

    const [a, b, c] = header.tensors;
    expect(a).toMatchObject({ name: 'a.f32', dims: [3, 5], typeName: 'F32', offset: 0, byteSize: 60 });
    expect(b).toMatchObject({ name: 'b.f16', dims: [7], typeName: 'F16', offset: 64, byteSize: 14 });
    expect(c).toMatchObject({ name: 'c.q8_0', dims: [64, 3], typeName: 'Q8_0', offset: 128, byteSize: 6 * 34 });
    expect(header.fileSize).toBe(header.dataOffset + 128 + 6 * 34);

    const f32 = await readBytes(file, header.dataOffset + a!.offset, 60);
    for (let i = 0; i < 15; i++) expect(f32.readFloatLE(i * 4)).toBeCloseTo(Math.sin(i), 6);
    const f16 = await readBytes(file, header.dataOffset + b!.offset, 14);
    for (let i = 0; i < 7; i++) expect(halfBitsToFloat(f16.readUInt16LE(i * 2))).toBeCloseTo(0.1 * Math.sin(i), 3);
    const q8 = await readBytes(file, header.dataOffset + c!.offset, 6 * 34);
    for (let i = 0; i < 192; i += 17) {
      const block = Math.floor(i / 32);
      const d = halfBitsToFloat(q8.readUInt16LE(block * 34));
      expect(q8.readInt8(block * 34 + 2 + (i % 32)) * d).toBeCloseTo(0.05 * Math.sin(i), 3);
    }
  });

  it('writes the same bytes whatever the chunk size', async () => {
    const small = path.join(dir, 'small-chunks.gguf');
    const big = path.join(dir, 'big-chunks.gguf');
    await writeGguf(small, spec(), { chunkBytes: 40 });
    await writeGguf(big, spec());
    expect((await readFile(small)).equals(await readFile(big))).toBe(true);
  });

  it('leaves neither the target nor a temp file behind when writing fails', async () => {
    const file = path.join(dir, 'failing.gguf');
    const failing: GgufWriteSpec = {
      metadata: [],
      tensors: [
        {
          name: 'x',
          dims: [4],
          type: 'F32',
          fill: () => {
            throw new Error('generator broke');
          },
        },
      ],
    };
    await expect(writeGguf(file, failing)).rejects.toThrow('generator broke');
    const left = (await readdir(dir)).filter((f) => f.includes('failing'));
    expect(left).toEqual([]);
  });

  it('handles headers far larger than one read window (a 20k-token vocabulary)', async () => {
    const file = path.join(dir, 'big-vocab.gguf');
    const tokens = Array.from({ length: 20_000 }, (_, i) => `▁piece${i}`);
    await writeGguf(file, {
      metadata: [
        { key: 'tokenizer.ggml.tokens', type: 'array', itemType: 'string', value: tokens },
        { key: 'tokenizer.ggml.scores', type: 'array', itemType: 'f32', value: tokens.map((_, i) => -i) },
      ],
      tensors: [{ name: 'x', dims: [32], type: 'F32', fill: ramp(1) }],
    });
    const header = await readGgufHeader(file);
    expect(header.metadata.get('tokenizer.ggml.tokens')).toEqual(tokens);
    expect((header.metadata.get('tokenizer.ggml.scores') as number[])[19_999]).toBe(-19_999);
    expect(header.dataOffset).toBeGreaterThan(256 * 1024);
  });

  it('refuses specs llama.cpp would reject', async () => {
    const file = path.join(dir, 'bad.gguf');
    await expect(
      writeGguf(file, { metadata: [], tensors: [{ name: 'q', dims: [33], type: 'Q8_0', fill: () => undefined }] }),
    ).rejects.toThrow(/multiple of 32/);
    await expect(
      writeGguf(file, {
        metadata: [],
        tensors: [
          { name: 'dup', dims: [1], type: 'F32', fill: () => undefined },
          { name: 'dup', dims: [1], type: 'F32', fill: () => undefined },
        ],
      }),
    ).rejects.toThrow(/duplicate tensor name/);
  });
});
