import { openOutsideFile } from '../../../native-models/files/read-outside-file';
import { sniffImageType } from '../../../native-models/images/sniff-image-type';

/** Whether a file starts like a picture, from its first 16 bytes only (a FIFO or /proc file is not one). */
export async function looksLikeImage(filePath: string): Promise<boolean> {
  const opened = await openOutsideFile(filePath);
  if (!('file' in opened)) return false;
  try {
    return sniffImageType(await opened.file.readAt(0, 16)) !== null;
  } catch {
    return false;
  } finally {
    await opened.file.close();
  }
}
