import { encodePng } from '../fixtures/png';
import type { Random } from './seeded-random';

/** A PNG of seeded noise, which does not compress: at 700 × 700 about 1.5 MB, so writing a few takes long enough to be cut. */
export function noisePicture(random: Random, side = 700): Buffer {
  const bytes = random.bytes(side * side * 3);
  return encodePng(side, side, (x, y) => {
    const at = (y * side + x) * 3;
    return [bytes[at] as number, bytes[at + 1] as number, bytes[at + 2] as number];
  });
}
