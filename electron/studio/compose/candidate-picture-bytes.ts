import { OUTSIDE_FILE_PROBLEM_TEXT } from '../../../native-models/files/outside-file-problem-text';
import { readOutsideFile } from '../../../native-models/files/read-outside-file';
import type { ImageInput } from '../../../native-models/engines/engine';
import { ProjectError } from '../documents/project-error';
import { DEFAULT_IMAGE_LIMITS } from '../library/image-limits';

/**
 * The bytes of a candidate picture to store with a composition: as given, or its library file
 * through the one reader of outside files (a file swapped for a FIFO since it was indexed is
 * refused, not waited on).
 */
export async function candidatePictureBytes(source: ImageInput): Promise<Uint8Array> {
  if ('bytes' in source) return source.bytes;
  const read = await readOutsideFile(source.path, DEFAULT_IMAGE_LIMITS.maxBytes);
  if ('bytes' in read) return read.bytes;
  throw new ProjectError(
    'image-refused',
    `A picture could not be stored: the file ${OUTSIDE_FILE_PROBLEM_TEXT[read.problem]}.`,
    read.detail,
  );
}
