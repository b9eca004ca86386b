import type { PictureFileType } from '../../contract/studio-api';
import { PICTURE_TYPES } from '../../../native-models/images/picture-types';

/** The one table's picture types as the renderer's pickers need them (the renderer may not import native-models). */
export function pictureFileTypes(): PictureFileType[] {
  return PICTURE_TYPES.map(({ name, mimeType, extensions }) => ({ name, mimeType, extensions: [...extensions] }));
}
