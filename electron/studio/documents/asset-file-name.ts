/** Assets are named by content: the sha256 and an extension for the picture format. */
export function assetFileName(assetId: string, mimeType: string): string {
  const extension = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' }[mimeType] ?? 'bin';
  return `${assetId}.${extension}`;
}
