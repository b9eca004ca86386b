import { ModelError } from '../errors';
import { OUTSIDE_FILE_PROBLEM_TEXT } from '../files/outside-file-problem-text';
import { readOutsideFile } from '../files/read-outside-file';
import { PICTURE_TYPES, pictureTypeOf } from '../images/picture-types';
import type { ImageInput } from './engine';

const ENGINE_TYPES = PICTURE_TYPES.filter((type) => type.readByEngines).map((type) => type.name);
/** "JPEG, PNG, WebP or GIF" */
const ENGINE_TYPE_NAMES = `${ENGINE_TYPES.slice(0, -1).join(', ')} or ${ENGINE_TYPES.at(-1) ?? ''}`;

/** Pictures reach the engines prepared (a PNG of at most 2048 px); anything near this is not one. */
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/**
 * An image part's bytes and type for an engine: bytes as given, or a file read through the one
 * reader of outside files (never handed to a binding by name, which would open a FIFO and wait
 * in native code for ever). Refused unless they are a picture an engine decodes.
 */
export async function imageInputBytes(image: ImageInput): Promise<{ bytes: Uint8Array; mimeType: string }> {
  let bytes: Uint8Array;
  if ('path' in image) {
    const read = await readOutsideFile(image.path, MAX_IMAGE_BYTES);
    if (!('bytes' in read)) throw new ModelError('image-unreadable', `The image ${OUTSIDE_FILE_PROBLEM_TEXT[read.problem]}.`, read.detail);
    bytes = read.bytes;
  } else bytes = image.bytes;
  const type = pictureTypeOf(bytes);
  if (!type?.readByEngines) throw new ModelError('image-unreadable', `The image is not a ${ENGINE_TYPE_NAMES} file.`);
  return { bytes, mimeType: type.mimeType };
}
