/**
 * A large library without a model: captions assembled from a vocabulary of subjects, actions,
 * settings and colours (so full-text queries match many entries, as real ones do), and random
 * unit vectors of the model's embedding width. Reproducible from the seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ImageLibrary } from '../../electron/studio/library/image-library';
import { hash32 } from '../../native-models/demo/prng';

const SUBJECTS = [
  'a dog',
  'a black cat',
  'two children',
  'an old man',
  'a red kite',
  'a fishing boat',
  'a lighthouse',
  'a bicycle',
  'a tram',
  'a heron',
  'a market stall',
  'a wooden bridge',
  'a woman with an umbrella',
  'a herd of goats',
  'a vintage car',
  'a windmill',
  'a snowy owl',
  'a street musician',
  'a sailing yacht',
  'a stack of books',
];
const ACTIONS = [
  'standing',
  'running',
  'resting',
  'waiting',
  'crossing',
  'reflected',
  'half hidden',
  'lit by lamps',
  'covered in frost',
  'drying',
];
const SETTINGS = [
  'on a beach at low tide',
  'in a narrow city street',
  'beside a mountain lake',
  'in a crowded market',
  'under a stone arch',
  'in a pine forest',
  'on a harbour wall',
  'in a wheat field',
  'at a railway station',
  'in a snowy garden',
  'on a rooftop',
  'by a canal',
];
const LIGHT = [
  'at sunset',
  'at dawn',
  'in heavy rain',
  'in fog',
  'under a blue sky',
  'at night',
  'in autumn light',
  'in bright midday sun',
];

export function seededRandom(seed: number): () => number {
  let index = 0;
  return () => hash32(seed, index++) / 0x100000000;
}

export function randomUnitVector(random: () => number, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  let sumOfSquares = 0;
  for (let i = 0; i < dimensions; i++) {
    const value = random() * 2 - 1;
    vector[i] = value;
    sumOfSquares += value * value;
  }
  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

function syntheticCaption(random: () => number): string {
  return `${pick(random, SUBJECTS)} ${pick(random, ACTIONS)} ${pick(random, SETTINGS)} ${pick(random, LIGHT)}.`.replace(/^./, (first) =>
    first.toUpperCase(),
  );
}

/** A figure title as the compose step writes one, cut to 53 characters as the reference does. */
export function syntheticTitle(random: () => number): string {
  return `${pick(random, SUBJECTS)} ${pick(random, SETTINGS)} ${pick(random, LIGHT)}`.slice(0, 53);
}

/**
 * Adds `count` entries, each committed on its own as the indexer does. The files exist (empty)
 * because search leaves out pictures whose file has gone. Returns the insert times in ms.
 */
export function fillLibrary(
  library: ImageLibrary,
  folder: string,
  count: number,
  dimensions: number,
  seed: number,
  model = 'bench',
): number[] {
  const random = seededRandom(seed);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const dir = path.join(folder, `album-${i % 100}`);
    if (i < 100) mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `photo-${i}.jpg`);
    writeFileSync(file, '');
    const caption = syntheticCaption(random);
    const vector = randomUnitVector(random, dimensions);
    const started = performance.now();
    library.addImage(
      { path: file, byteSize: 1_000_000 + i, mtimeMs: 1_700_000_000_000 + i },
      {
        sha256: `${i.toString(16).padStart(8, '0')}`.padEnd(64, 'f'),
        byteSize: 1_000_000 + i,
        format: 'jpeg',
        width: 4000,
        height: 3000,
        caption,
        embedding: { model, vector },
      },
    );
    times.push(performance.now() - started);
  }
  return times;
}
