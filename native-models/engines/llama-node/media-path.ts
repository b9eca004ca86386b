import { access } from 'node:fs/promises';
import { ModelError } from '../../errors';
import { sniffImageType } from '../../images/sniff-image-type';
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
