/**
 * The open project's pictures (`/assets/<sha256>`, `/assets/<sha256>/thumbnail`) and library
 * thumbnails (`/library/thumbnails/<id>`). The page reaches them under `/pictures/<key>/…`:
 * an <img> cannot send a header, and a key that opens pictures only is what may end up in
 * copied HTML, where the token must not.
 */
import type { ServerResponse } from 'node:http';
import type { StudioService } from '../studio/service/studio-service';
import { sendJson } from './http-json';
import { sameSecret } from './request-guard';
import { sendFile } from './static-files';
import { ASSET_ID } from '../contract/asset-id';

const ASSET_PATH = new RegExp(`^/assets/(${ASSET_ID})(/thumbnail)?$`);
const THUMBNAIL_PATH = /^\/library\/thumbnails\/(\d{1,15})$/;

export const picturesPathFor = (key: string): string => `/pictures/${key}`;

/** The picture path inside `/pictures/<key>/…` when the key is this server's; null otherwise. */
export function pathUnderKey(path: string, key: string): string | null {
  const keyed = /^\/pictures\/([0-9a-f]{32})(\/.*)$/.exec(path);
  return keyed && sameSecret(keyed[1] as string, key) ? (keyed[2] as string) : null;
}

/** Answers a picture path (the file or a 404); false when the path is not a picture's. */
export async function servePicture(service: StudioService, path: string, response: ServerResponse): Promise<boolean> {
  const asset = ASSET_PATH.exec(path);
  const thumbnail = THUMBNAIL_PATH.exec(path);
  if (!asset && !thumbnail) return false;
  const file = asset
    ? await (asset[2] ? service.readAssetThumbnail(asset[1] as string) : service.readAsset(asset[1] as string))
    : await service.readLibraryThumbnail(Number(thumbnail?.[1]));
  if (file) sendFile(response, file);
  else sendJson(response, 404, { error: { message: 'No such picture.', type: 'not_found' } });
  return true;
}
