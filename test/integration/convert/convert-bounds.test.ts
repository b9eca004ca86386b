/**
 * Issue 24, cause 4: every number `folio convert` reads from a checkpoint is checked before it
 * is used. Each checkpoint here lies about one number; the converter refuses it in one line with
 * exit 2, within seconds and a few hundred megabytes, and leaves nothing beside the output.
 * (A number that lies harmlessly, like a long list in the pickle nothing reads, converts.)
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTorchBin } from '../../../native-models/convert/torch-bin-reader';
import { fixture } from '../../helpers/fixture-paths';
import { folioConvert } from '../../helpers/folio-convert-run';
import { listOfZeros, tensorsOf, writeTorchZip, type StoredTensor, type TorchZipTweaks } from '../../helpers/torch-zip';

const BIN = fixture('xcomposer2/tiny-bin');
const SAFETENSORS = fixture('xcomposer2/tiny-safetensors');
const SHARDS = ['pytorch_model-00001-of-00002.bin', 'pytorch_model-00002-of-00002.bin'];
const PEAK_LIMIT_MB = 400;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'folio-convert-bounds-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let shards: StoredTensor[][] = [];
beforeAll(() => {
  shards = SHARDS.map((shard) => tensorsOf(readTorchBin(path.join(BIN, shard))));
});

let count = 0;
function copyOf(from: string, edit: (dir: string) => void): string {
  const dir = path.join(scratch, `checkpoint-${++count}`, 'tiny');
  cpSync(from, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** The .bin checkpoint with its second shard rewritten by our own writer, lying as `tweaks` says. */
const rewritten = (tweaks: TorchZipTweaks) => () =>
  copyOf(BIN, (dir) => writeTorchZip(path.join(dir, SHARDS[1] as string), shards[1] as StoredTensor[], tweaks));

function editConfig(from: string, change: Record<string, unknown>) {
  return () =>
    copyOf(from, (dir) => {
      const file = path.join(dir, 'config.json');
      writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), ...change }));
    });
}

/** The safetensors copy with its header changed by `edit` (or replaced by raw header bytes). */
function editHeader(edit: (header: Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>) => unknown) {
  return () =>
    copyOf(SAFETENSORS, (dir) => {
      const file = path.join(dir, 'model.safetensors');
      const bytes = readFileSync(file);
      const length = Number(bytes.readBigUInt64LE(0));
      const header = JSON.parse(bytes.toString('utf8', 8, 8 + length)) as Parameters<typeof edit>[0];
      const changed = edit(header) ?? header;
      const text = Buffer.from(typeof changed === 'string' ? changed : JSON.stringify(changed));
      const prefix = Buffer.alloc(8);
      prefix.writeBigUInt64LE(BigInt(text.length));
      writeFileSync(file, Buffer.concat([prefix, text, bytes.subarray(8 + length)]));
    });
}

const FIRST_SECOND_SHARD_TENSOR = (): string => (shards[1]?.[0] as StoredTensor).name;

const refusals: Array<[string, () => string, RegExp]> = [
  [
    'a storage offset of -1000',
    rewritten({ offset: (name) => (name === FIRST_SECOND_SHARD_TENSOR() ? -1000 : 0) }),
    /is damaged or incomplete/,
  ],
  [
    'a storage offset that is not a number',
    rewritten({ offset: (name) => (name === FIRST_SECOND_SHARD_TENSOR() ? NaN : 0) }),
    /is damaged/,
  ],
  ['a fractional storage offset', rewritten({ offset: (name) => (name === FIRST_SECOND_SHARD_TENSOR() ? 1.5 : 0) }), /is damaged/],
  ['an offset past its storage', rewritten({ offset: (name) => (name === FIRST_SECOND_SHARD_TENSOR() ? 3 : 0) }), /runs past its storage/],
  ['a data.pkl stored at 2 GB', rewritten({ storedPickleBytes: 2 * 1024 ** 3 }), /is damaged or incomplete/],
  ['a data.pkl stored at 3.5 GB', rewritten({ storedPickleBytes: 3.5 * 1024 ** 3 }), /is damaged or incomplete/],
  ['a zip64 directory of 1 TB', rewritten({ claimedDirectoryBytes: 1024 ** 4 }), /is damaged or incomplete/],
  [
    'safetensors data_offsets shifted by -1000',
    editHeader((header) => {
      const entry = Object.values(header).find((value) => Array.isArray(value.data_offsets) && (value.data_offsets[0] ?? 0) > 2000);
      if (entry) entry.data_offsets = entry.data_offsets.map((offset) => offset - 1000);
    }),
    /data_offsets -?\d+\.\.\d+ outside|damaged/,
  ],
  [
    'safetensors data_offsets pointing into the header',
    editHeader((header) => {
      const entry = Object.values(header).find((value) => Array.isArray(value.data_offsets));
      if (entry) entry.data_offsets = [-64, (entry.data_offsets[1] ?? 0) - (entry.data_offsets[0] ?? 0) - 64];
    }),
    /is damaged or incomplete/,
  ],
  [
    'fractional safetensors data_offsets',
    editHeader((header) => {
      const entry = Object.values(header).find((value) => Array.isArray(value.data_offsets));
      if (entry) entry.data_offsets = entry.data_offsets.map((offset) => offset + 0.5);
    }),
    /is damaged or incomplete/,
  ],
  [
    'a safetensors header of 12 MB of brackets',
    editHeader(() => '['.repeat(6_000_000) + ']'.repeat(6_000_000)),
    /is damaged or incomplete/,
  ],
  [
    'a safetensors tensor with an empty dimension',
    editHeader((header) => {
      const entry = header['model.norm.weight'];
      if (entry) entry.shape = [0, ...entry.shape];
    }),
    /damaged|empty dimension/,
  ],
  ['num_hidden_layers of 1,000,000', editConfig(BIN, { num_hidden_layers: 1_000_000 }), /num_hidden_layers/],
  ['num_hidden_layers one more than the checkpoint holds', editConfig(BIN, { num_hidden_layers: 3 }), /holds 2 decoder layers/],
  ['max_position_embeddings of 2^53', editConfig(BIN, { max_position_embeddings: 2 ** 53 }), /max_position_embeddings/],
  ['bos_token_id of 1e12', editConfig(BIN, { bos_token_id: 1e12 }), /"bos_token_id" 1000000000000 is not a token/],
  ['a negative pad_token_id', editConfig(BIN, { pad_token_id: -5 }), /"pad_token_id" -5 is not a token/],
  ['hidden_size of a billion', editConfig(SAFETENSORS, { hidden_size: 1e9 }), /hidden_size/],
  [
    'config.json that is a list',
    () => copyOf(BIN, (dir) => writeFileSync(path.join(dir, 'config.json'), '[1, 2]')),
    /does not hold settings/,
  ],
  [
    'an index naming a shard outside the folder',
    () =>
      copyOf(BIN, (dir) => {
        cpSync(path.join(dir, SHARDS[1] as string), path.join(dir, '..', 'outside.bin'));
        const file = path.join(dir, 'pytorch_model.bin.index.json');
        writeFileSync(file, readFileSync(file, 'utf8').replaceAll(SHARDS[1] as string, '../outside.bin'));
      }),
    /does not map weights to files in the checkpoint folder/,
  ],
];

describe('folio convert refuses a checkpoint that lies about a number', () => {
  it.each(refusals)('%s: one line, exit 2, bounded, nothing left', (_name, make, line) => {
    const checkpoint = make();
    const parent = mkdtempSync(path.join(scratch, 'out-'));
    const run = folioConvert([checkpoint, '-o', path.join(parent, 'converted')]);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/^folio: /);
    expect(run.lines[0]).toMatch(line);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.peakMegabytes).toBeLessThan(PEAK_LIMIT_MB);
    expect(run.seconds).toBeLessThan(30);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('folio convert and numbers that do no harm', () => {
  it('converts a shard whose pickle builds a list of 200,000 items nothing reads', () => {
    const checkpoint = rewritten({ before: listOfZeros(200_000) })();
    const out = path.join(mkdtempSync(path.join(scratch, 'out-')), 'converted');
    const run = folioConvert([checkpoint, '-o', out]);
    expect(run.lines).toEqual([]);
    expect(run.code).toBe(0);
    expect(readdirSync(out)).toContain('tiny-f16.gguf');
  });

  it('converts the same checkpoint written by the test writer to the same decoder bytes as the original', () => {
    const checkpoint = rewritten({})();
    const [ours, original] = [checkpoint, BIN].map((from) => {
      const out = path.join(mkdtempSync(path.join(scratch, 'out-')), 'converted');
      const dir = path.join(path.dirname(out), 'tiny');
      cpSync(from, dir, { recursive: true });
      expect(folioConvert([dir, '-o', out]).code).toBe(0);
      return readFileSync(path.join(out, 'tiny-f16.gguf'));
    });
    expect(ours?.equals(original as Buffer)).toBe(true);
  });
});
