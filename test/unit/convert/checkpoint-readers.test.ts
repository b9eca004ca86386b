/**
 * The checkpoint readers on real torch.save and safetensors files (written by python3-torch in
 * the fixtures): every dtype, views at a storage offset, a forbidden global, a cut-short shard.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, truncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../native-models/errors';
import { readSafetensors } from '../../../native-models/convert/safetensors-reader';
import { TensorRows } from '../../../native-models/convert/tensor-rows';
import { readTorchBin } from '../../../native-models/convert/torch-bin-reader';
import { elementCount, rowLength, type TensorRecord } from '../../../native-models/convert/tensor-record';
import { fixture } from '../../helpers/fixture-paths';
import { pythonWithTorch } from '../../fixtures/xcomposer2-checkpoint';

const PICKLES = fixture('xcomposer2/pickles');
const BIN_DIR = fixture('xcomposer2/tiny-bin');
const SHARDS = ['pytorch_model-00001-of-00002.bin', 'pytorch_model-00002-of-00002.bin'];

function values(record: TensorRecord): number[] {
  const rows = new TensorRows();
  try {
    const out = new Float32Array(elementCount(record.shape));
    rows.read(record, 0, elementCount(record.shape) / rowLength(record.shape), out);
    return [...out];
  } finally {
    rows.close();
  }
}

function refusal(run: () => unknown): ModelError {
  try {
    run();
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('torch.save reader', () => {
  const expected = JSON.parse(readFileSync(path.join(PICKLES, 'dtypes.json'), 'utf8')) as Record<
    string,
    { shape: number[]; values: number[] }
  >;
  const records = new Map(readTorchBin(path.join(PICKLES, 'dtypes.bin')).map((r) => [r.name, r]));

  it('finds every tensor of an OrderedDict state dict with its shape and dtype', () => {
    expect([...records.keys()]).toEqual(Object.keys(expected));
    expect(records.get('bf16')).toMatchObject({ dtype: 'BF16', shape: [6, 4] });
    expect(records.get('f16')).toMatchObject({ dtype: 'F16', shape: [6, 4] });
    expect(records.get('i64')).toMatchObject({ dtype: 'I64', shape: [1, 5] });
  });

  for (const name of ['f32', 'f16', 'bf16', 'offset_view', 'scalar_list']) {
    it(`reads ${name} exactly as torch holds it`, () => {
      expect(values(records.get(name)!)).toEqual(expected[name]!.values);
    });
  }

  it('refuses a pickle that names os.system, and its payload never runs', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'folio-pickle-'));
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const error = refusal(() => readTorchBin(path.join(PICKLES, 'forbidden-global.bin')));
      expect(error.code).toBe('checkpoint-unsafe');
      expect(error.message).toMatch(/forbidden-global\.bin asks to run "posix\.system"/);
      expect(existsSync(path.join(cwd, 'PAYLOAD-RAN'))).toBe(false);
    } finally {
      process.chdir(previous);
    }
    // The control: Python's own unpickler does run it, so the check above could fail.
    const control = mkdtempSync(path.join(os.tmpdir(), 'folio-pickle-control-'));
    const script = 'import sys, zipfile, pickle; z = zipfile.ZipFile(sys.argv[1]); pickle.loads(z.read("forbidden-global/data.pkl"))';
    execFileSync(await pythonWithTorch(), ['-c', script, path.join(PICKLES, 'forbidden-global.bin')], { cwd: control });
    expect(existsSync(path.join(control, 'PAYLOAD-RAN'))).toBe(true);
  });

  it('refuses a shard cut short, naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-shard-'));
    const cut = path.join(dir, SHARDS[1]!);
    copyFileSync(path.join(BIN_DIR, SHARDS[1]!), cut);
    truncateSync(cut, Math.floor(statSync(cut).size * 0.6));
    const error = refusal(() => readTorchBin(cut));
    expect(error.code).toBe('checkpoint-corrupt');
    expect(error.message).toMatch(/pytorch_model-00002-of-00002\.bin is damaged or incomplete/);
  });
});

describe('safetensors reader', () => {
  it('holds the same tensors, with the same values, as the .bin shards', () => {
    const fromBin = SHARDS.flatMap((shard) => readTorchBin(path.join(BIN_DIR, shard)));
    const fromSafetensors = new Map(readSafetensors(fixture('xcomposer2/tiny-safetensors/model.safetensors')).map((r) => [r.name, r]));
    expect(fromBin.length).toBeGreaterThan(40);
    expect(fromSafetensors.size).toBe(fromBin.length);
    for (const record of fromBin) {
      const twin = fromSafetensors.get(record.name)!;
      expect(twin.shape).toEqual(record.shape);
      if (record.dtype === 'BF16') expect(values(twin)).toEqual(values(record));
    }
  });

  it('refuses a file cut short', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-st-'));
    const cut = path.join(dir, 'model.safetensors');
    copyFileSync(fixture('xcomposer2/tiny-safetensors/model.safetensors'), cut);
    truncateSync(cut, 5000);
    expect(refusal(() => readSafetensors(cut)).code).toBe('checkpoint-corrupt');
  });
});
