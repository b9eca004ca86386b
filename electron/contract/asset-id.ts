/** A project's picture is named by the sha256 of its file, in lowercase hex. */
export const ASSET_ID = '[0-9a-f]{64}';

/** An asset id and nothing else (also the JSON schemas' pattern, as `.source`). */
export const ASSET_ID_PATTERN = new RegExp(`^${ASSET_ID}$`);

export function isAssetId(value: unknown): boolean {
  return typeof value === 'string' && ASSET_ID_PATTERN.test(value);
}
