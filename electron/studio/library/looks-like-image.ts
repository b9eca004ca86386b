import { open } from 'node:fs/promises';
import { sniffImageType } from '../../../native-models/images/sniff-image-type';

/** Whether a file starts like a PNG, JPEG, WebP or GIF, from its first 16 bytes only. */
export async function looksLikeImage(filePath: string): Promise<boolean> {
  try {
    const handle = await open(filePath, 'r');
    try {
      const head = Buffer.alloc(16);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return sniffImageType(head.subarray(0, bytesRead)) !== null;
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
