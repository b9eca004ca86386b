/**
 * Answers `folio://asset/<sha256>` (a picture of the open project), `folio://thumbnail/<sha256>`
 * (the same made small) and `folio://library/<id>` (a library thumbnail) from the studio. Anything else, or nothing found, is a 404.
 */
import type { ServedFile } from '../studio/service/studio-service';
import { DATA_ONLY_CONTENT_SECURITY_POLICY } from '../contract/content-security-policy';
import { isAssetId } from '../contract/asset-id';

export interface MediaSource {
  readAsset(assetId: string): Promise<ServedFile | null>;
  readAssetThumbnail(assetId: string): Promise<ServedFile | null>;
  readLibraryThumbnail(id: number): Promise<ServedFile | null>;
}

async function lookUp(source: MediaSource, requestUrl: string): Promise<ServedFile | null> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  const name = url.pathname.replace(/^\//, '');
  if (url.host === 'asset' && isAssetId(name)) return source.readAsset(name);
  if (url.host === 'thumbnail' && isAssetId(name)) return source.readAssetThumbnail(name);
  if (url.host === 'library' && /^[1-9][0-9]*$/.test(name) && Number.isSafeInteger(Number(name)))
    return source.readLibraryThumbnail(Number(name));
  return null;
}

export async function serveStudioMedia(source: MediaSource, requestUrl: string): Promise<Response> {
  const file = await lookUp(source, requestUrl).catch(() => null);
  if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      'content-type': file.mimeType,
      'content-security-policy': DATA_ONLY_CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}
