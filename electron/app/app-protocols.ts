/**
 * The app's two schemes. Both are registered before `ready` as standard and secure (so the page
 * has a real origin and is a secure context) and fetchable; both answer GET only.
 * - app://folio/ : the built renderer (renderer-files.ts)
 * - folio://asset/<sha256>, folio://library/<id> : pictures from the studio (studio-media.ts)
 */
import { protocol } from 'electron';
import { APP_SCHEME, MEDIA_SCHEME } from './app-origin';
import { serveRendererFile } from './renderer-files';
import { serveStudioMedia, type MediaSource } from './studio-media';

const PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true };

/** Must run before the app is ready. */
export function registerAppSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: PRIVILEGES },
    { scheme: MEDIA_SCHEME, privileges: PRIVILEGES },
  ]);
}

function readOnly(serve: (url: string) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) =>
    request.method === 'GET' || request.method === 'HEAD' ? serve(request.url) : new Response('Method not allowed', { status: 405 });
}

export function serveAppSchemes(options: { rendererDir: string; media: MediaSource }): void {
  protocol.handle(
    APP_SCHEME,
    readOnly((url) => serveRendererFile(options.rendererDir, url)),
  );
  protocol.handle(
    MEDIA_SCHEME,
    readOnly((url) => serveStudioMedia(options.media, url)),
  );
}
