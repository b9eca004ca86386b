/**
 * The positions 0..count-1 in an order fixed by the seed (Fisher–Yates over mulberry32), so
 * `--sample N --seed S` asks the same items on every machine and after every resume.
 */
export function seededShuffle(count: number, seed: number): number[] {
  const next = mulberry32(seed);
  const order = Array.from({ length: count }, (_, position) => position);
  for (let last = count - 1; last > 0; last--) {
    const swap = Math.floor(next() * (last + 1));
    [order[last], order[swap]] = [order[swap] as number, order[last] as number];
  }
  return order;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
