/**
 * Issue 24, cause 4: mutated checkpoints through `folio convert`, seeded and bounded in time.
 * Every run either converts (exit 0) or refuses in one line (exit 2): never "unexpected error"
 * (exit 1), never a hang, never more than a few hundred megabytes, nothing left beside the output.
 * FOLIO_FUZZ_SEED=n replays a run; FOLIO_FUZZ_SECONDS sets how long it runs (default 50).
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTorchBin } from '../../../native-models/convert/torch-bin-reader';
import { fixture } from '../../helpers/fixture-paths';
import { folioConvert } from '../../helpers/folio-convert-run';
import { seededRandom, type Random } from '../../helpers/seeded-random';
import { listOfZeros, tensorsOf, writeTorchZip } from '../../helpers/torch-zip';

const seed = Number(process.env.FOLIO_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SECONDS = Number(process.env.FOLIO_FUZZ_SECONDS ?? 50);
const BIN = fixture('xcomposer2/tiny-bin');
const SAFETENSORS = fixture('xcomposer2/tiny-safetensors');
const SHARD = 'pytorch_model-00002-of-00002.bin';
const PEAK_LIMIT_MB = 400;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'folio-convert-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Numbers a lying file would hold. */
const WEIRD = [0, -1, -1000, 1.5, 0.5, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 63, 1e12, 1e308, -0, 3, 7, 64, 65_536];
const WEIRD_JSON: unknown[] = [...WEIRD, null, 'x', '12', [], {}, [1, 2], true];

type Mutation = (dir: string, random: Random) => string;

function flipBytes(file: string, random: Random, from = 0, to = statSync(file).size): string {
  const bytes = readFileSync(file);
  const flips = 1 + random.int(8);
  for (let i = 0; i < flips; i++) bytes[from + random.int(Math.max(1, to - from))] = random.int(256);
  writeFileSync(file, bytes);
  return `${flips} bytes of ${path.basename(file)} in ${from}..${to}`;
}

/** Every number inside a JSON value, with what holds it, to change in place. */
function numbersIn(value: unknown): Array<{ holder: Record<string | number, unknown>; key: string | number }> {
  const found: Array<{ holder: Record<string | number, unknown>; key: string | number }> = [];
  const visit = (holder: unknown): void => {
    if (!holder || typeof holder !== 'object') return;
    for (const [key, item] of Object.entries(holder)) {
      if (typeof item === 'number') found.push({ holder: holder as Record<string | number, unknown>, key });
      else visit(item);
    }
  };
  visit(value);
  return found;
}

const mutations: Record<string, Mutation> = {
  'config.json number': (dir, random) => {
    const file = path.join(dir, 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const keys = Object.keys(config).filter((key) => typeof config[key] === 'number');
    const key = random.pick(keys);
    config[key] = random.pick(WEIRD_JSON);
    writeFileSync(file, JSON.stringify(config));
    return `config ${key} = ${JSON.stringify(config[key])}`;
  },
  'safetensors header number': (dir, random) => {
    const file = path.join(dir, 'model.safetensors');
    const bytes = readFileSync(file);
    const length = Number(bytes.readBigUInt64LE(0));
    const header = JSON.parse(bytes.toString('utf8', 8, 8 + length)) as unknown;
    const spots = numbersIn(header);
    const spot = random.pick(spots);
    const value = random.chance(0.5)
      ? random.pick(WEIRD)
      : (spot.holder as Record<string, number>)[spot.key as string]! + random.pick([-1000, -1, 1, 8, 4096]);
    (spot.holder as Record<string | number, unknown>)[spot.key] = value;
    const text = Buffer.from(JSON.stringify(header));
    const prefix = Buffer.alloc(8);
    prefix.writeBigUInt64LE(BigInt(text.length));
    writeFileSync(file, Buffer.concat([prefix, text, bytes.subarray(8 + length)]));
    return `safetensors header number ${String(spot.key)} = ${value}`;
  },
  'safetensors header bytes': (dir, random) => {
    const file = path.join(dir, 'model.safetensors');
    return flipBytes(file, random, 0, 8 + Number(readFileSync(file).readBigUInt64LE(0)));
  },
  'shard bytes': (dir, random) => flipBytes(path.join(dir, SHARD), random),
  'shard zip directory': (dir, random) => {
    const file = path.join(dir, SHARD);
    const size = statSync(file).size;
    return flipBytes(file, random, Math.max(0, size - 600), size);
  },
  'shard pickle offset': (dir, random) => {
    const tensors = tensorsOf(readTorchBin(path.join(BIN, SHARD)));
    const victim = random.pick(tensors).name;
    const offset = random.pick(WEIRD);
    writeTorchZip(path.join(dir, SHARD), tensors, { offset: (name) => (name === victim ? offset : 0) });
    return `storage offset of ${victim} = ${offset}`;
  },
  'shard pickle list': (dir, random) => {
    const count = random.pick([0, 1, 50_000, 300_000]);
    writeTorchZip(path.join(dir, SHARD), tensorsOf(readTorchBin(path.join(BIN, SHARD))), { before: listOfZeros(count) });
    return `a list of ${count} before the state dict`;
  },
  truncation: (dir, random) => {
    const file = path.join(dir, random.pick(readdirSync(dir)));
    const size = random.int(statSync(file).size);
    truncateSync(file, size);
    return `${path.basename(file)} cut to ${size} bytes`;
  },
  'tokenizer bytes': (dir, random) => flipBytes(path.join(dir, 'tokenizer.model'), random),
  'index entry': (dir, random) => {
    const file = path.join(dir, 'pytorch_model.bin.index.json');
    const index = JSON.parse(readFileSync(file, 'utf8')) as { weight_map: Record<string, unknown> };
    const key = random.pick(Object.keys(index.weight_map));
    index.weight_map[key] = random.pick(['../x.bin', SHARD, 'pytorch_model-00001-of-00002.bin', 'missing.bin', 5, null, '/etc/passwd']);
    writeFileSync(file, JSON.stringify(index));
    return `index ${key} -> ${JSON.stringify(index.weight_map[key])}`;
  },
};
const SAFETENSORS_ONLY = new Set(['safetensors header number', 'safetensors header bytes']);

describe('mutated checkpoints through folio convert', () => {
  it(
    'convert or refuse in one line, bounded, leaving nothing',
    () => {
      console.log(`convert fuzz: FOLIO_FUZZ_SEED=${seed}`);
      const random = seededRandom(seed);
      const started = Date.now();
      const outcomes: string[] = [];
      for (let round = 0; round === 0 || Date.now() - started < SECONDS * 1000; round++) {
        const name = random.pick(Object.keys(mutations));
        const from = SAFETENSORS_ONLY.has(name)
          ? SAFETENSORS
          : name.startsWith('shard') || name === 'index entry'
            ? BIN
            : random.pick([BIN, SAFETENSORS]);
        const dir = path.join(scratch, `case-${round}`, 'tiny');
        cpSync(from, dir, { recursive: true });
        const what = (mutations[name] as Mutation)(dir, random);
        const parent = mkdtempSync(path.join(scratch, 'out-'));
        const run = folioConvert([dir, '-o', path.join(parent, 'converted')], { timeoutMs: 40_000 });
        const where = `round ${round} (${what}), FOLIO_FUZZ_SEED=${seed}: exit ${run.code}, ${run.lines.join(' | ')}`;
        expect([0, 2], where).toContain(run.code);
        expect(run.peakMegabytes, where).toBeLessThan(PEAK_LIMIT_MB);
        if (run.code === 2) {
          expect(run.lines, where).toHaveLength(1);
          expect(run.lines[0], where).toMatch(/^folio: /);
          expect(readdirSync(parent), where).toEqual([]);
        } else expect(readdirSync(parent), where).toEqual(['converted']);
        outcomes.push(`${run.code}`);
        rmSync(path.join(scratch, `case-${round}`), { recursive: true, force: true });
        rmSync(parent, { recursive: true, force: true });
      }
      console.log(`convert fuzz: ${outcomes.length} checkpoints, ${outcomes.filter((code) => code === '2').length} refused`);
    },
    (SECONDS + 120) * 1000,
  );
});
