/**
 * Pictures resized to a vision tower's square, as the model's own processor does it (torchvision
 * `Resize((n, n), BICUBIC)` on a PIL image: stretched, not padded), before the engine sees them.
 * Left to llama.cpp, a CLIP "mlp" projector pads a picture that is not square to a square with
 * grey first (mtmd-image.cpp, `PAD_CEIL`), which is not what XComposer2 saw in training; a
 * square one it resizes with its own Pillow-like resampler. Here the resize is Pillow's to the
 * pixel (pillow-bicubic-resize.ts) and the result goes as a lossless PNG; a picture already at the
 * tower's size goes untouched, and llama.cpp then copies it without resampling.
 */
import sharp from 'sharp';
import { readFile } from 'node:fs/promises';
import type { ImageInput, PromptPart } from '../../../native-models/engines/engine';
import { ModelError } from '../../../native-models/errors';
import { pillowBicubicResize } from '../../../native-models/images/pillow-bicubic-resize';

export async function resizePicturesForTower(parts: readonly PromptPart[], side: number): Promise<PromptPart[]> {
  return Promise.all(
    parts.map(async (part) => (part.type === 'image' ? { type: 'image' as const, image: await towerSized(part.image, side) } : part)),
  );
}

async function towerSized(image: ImageInput, side: number): Promise<ImageInput> {
  const bytes = 'path' in image ? await readFile(image.path) : image.bytes;
  try {
    // PIL's convert('RGB'): alpha dropped, grey and palette pictures spread to three channels.
    const { data, info } = await sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.width === side && info.height === side && info.channels === 3) return image;
    const pixels = info.channels === 3 ? data : toRgb(data, info.channels);
    const resized = pillowBicubicResize(pixels, info.width, info.height, side, side);
    const png = await sharp(resized, { raw: { width: side, height: side, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    return { bytes: png, mimeType: 'image/png' };
  } catch (error) {
    throw new ModelError('image-unreadable', 'The picture could not be read to show it to the model.', String(error));
  }
}

function toRgb(data: Buffer, channels: number): Uint8Array {
  const pixels = new Uint8Array((data.length / channels) * 3);
  for (let i = 0, o = 0; i < data.length; i += channels, o += 3) {
    pixels[o] = data[i] as number;
    pixels[o + 1] = data[channels >= 3 ? i + 1 : i] as number;
    pixels[o + 2] = data[channels >= 3 ? i + 2 : i] as number;
  }
  return pixels;
}
