import { extensionForMimeType } from '../../../native-models/images/picture-types';

/** Assets are named by content: the sha256 and an extension for the picture format. */
export function assetFileName(assetId: string, mimeType: string): string {
  return `${assetId}.${extensionForMimeType(mimeType)}`;
}
