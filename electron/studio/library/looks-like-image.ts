import { openOutsideFile } from '../../../native-models/files/read-outside-file';
import { PICTURE_HEAD_BYTES, pictureTypeOf } from '../../../native-models/images/picture-types';

/** Whether a file starts like a picture of a type Folio reads, from its first bytes only (a FIFO or /proc file is not one). */
export async function looksLikeImage(filePath: string): Promise<boolean> {
  const opened = await openOutsideFile(filePath);
  if (!('file' in opened)) return false;
  try {
    return pictureTypeOf(await opened.file.readAt(0, PICTURE_HEAD_BYTES)) !== null;
  } catch {
    return false;
  } finally {
    await opened.file.close();
  }
}
