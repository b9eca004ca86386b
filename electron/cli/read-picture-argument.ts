import { LibraryError } from '../studio/library/library-error';
import { prepareImage } from '../studio/library/prepare-image';
import { UsageError } from '../studio/options/usage-error';

export interface PictureArgument {
  /** The checked picture that goes to the model, as a lossless PNG (prepareImage). */
  bytes: Buffer;
  mimeType: 'image/png';
  /** SHA-256 of the file as given: the same file always gets the same id. */
  sha256: string;
}

/**
 * A picture named on the command line, through the same checks as every picture that reaches
 * the model (prepareImage: size, header, one decode, lossless PNG). A broken file is bad input.
 */
export async function readPictureArgument(imagePath: string): Promise<PictureArgument> {
  try {
    const prepared = await prepareImage({ path: imagePath });
    return { bytes: prepared.bytes, mimeType: prepared.mimeType, sha256: prepared.sha256 };
  } catch (error) {
    if (error instanceof LibraryError) throw new UsageError(lowerFirst(error.message));
    throw error;
  }
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
