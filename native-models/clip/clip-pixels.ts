import type { ClipModelDescription } from './clip-model-files';

/**
 * Interleaved RGB bytes (a size × size picture) into the tower's input: channels first, each
 * value scaled to 0..1 and normalised by the model's mean and standard deviation per channel.
 */
export function clipPixels(
  rgb: Uint8Array,
  size: number,
  model: Pick<ClipModelDescription, 'imageMean' | 'imageStd'>,
  target: Float32Array,
  offset: number,
): void {
  const plane = size * size;
  if (rgb.length !== plane * 3) throw new RangeError(`expected ${plane * 3} RGB bytes for ${size} × ${size}, got ${rgb.length}`);
  for (let channel = 0; channel < 3; channel++) {
    const scale = 1 / (255 * (model.imageStd[channel] as number));
    const shift = (model.imageMean[channel] as number) / (model.imageStd[channel] as number);
    const at = offset + channel * plane;
    for (let pixel = 0; pixel < plane; pixel++) target[at + pixel] = (rgb[pixel * 3 + channel] as number) * scale - shift;
  }
}
