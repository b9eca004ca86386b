import type { ImageInput } from '../engine';
import { imageInputBytes } from '../image-input-bytes';

/** llama.node takes images as file paths or data URLs; it is always given a data URL of bytes read and checked here. */
export async function imageToMediaPath(image: ImageInput): Promise<string> {
  const { bytes, mimeType } = await imageInputBytes(image);
  return `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`;
}
