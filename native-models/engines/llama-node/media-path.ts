import { access } from 'node:fs/promises';
import { ModelError } from '../../errors';
import type { ImageInput } from '../engine';

/** llama.node takes images as file paths or data URLs; bytes become a data URL. */
export async function imageToMediaPath(image: ImageInput): Promise<string> {
  if ('path' in image) {
    try {
      await access(image.path);
    } catch {
      throw new ModelError('image-unreadable', `The image could not be opened: ${image.path}`);
    }
    return image.path;
  }
  const mimeType = image.mimeType ?? sniffImageType(image.bytes);
  if (!mimeType) throw new ModelError('image-unreadable', 'The image is not a PNG, JPEG, WebP or GIF file.');
  return `data:${mimeType};base64,${Buffer.from(image.bytes).toString('base64')}`;
}

export function sniffImageType(bytes: Uint8Array): string | null {
  const starts = (...signature: number[]): boolean => signature.every((value, index) => bytes[index] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return 'image/webp';
  return null;
}
