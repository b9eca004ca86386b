import { open, stat } from 'node:fs/promises';
import { sniffImageType } from '../../native-models/engines/llama-node/media-path';
import { UsageError } from './cli-errors';

const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/** A cheap first check of an image argument: it exists, is not huge, and is a picture format. */
export async function checkImageFile(imagePath: string): Promise<void> {
  let size: number;
  try {
    const info = await stat(imagePath);
    if (!info.isFile()) throw new UsageError(`the image is not a file: ${imagePath}`);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`the image could not be found: ${imagePath}`);
  }
  if (size > MAX_IMAGE_BYTES) throw new UsageError(`the image is too large (${Math.round(size / 1048576)} MB; the limit is 50 MB): ${imagePath}`);
  const handle = await open(imagePath, 'r');
  try {
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    if (!sniffImageType(head)) throw new UsageError(`the image is not a PNG, JPEG, WebP or GIF file: ${imagePath}`);
  } finally {
    await handle.close();
  }
}
