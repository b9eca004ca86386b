/**
 * The app's own origin and the schemes it serves. The renderer is loaded from `app://folio/`
 * (or, under `electron-forge start`, from Vite's dev server); pictures come from `folio://`.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'folio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const MEDIA_SCHEME = 'folio';

/** Where the page loads a project picture from (see studio-media.ts). */
export function assetUrl(assetId: string): string {
  return `${MEDIA_SCHEME}://asset/${assetId}`;
}

/** Where the page loads a small copy of a project picture from. */
export function assetThumbnailUrl(assetId: string): string {
  return `${MEDIA_SCHEME}://thumbnail/${assetId}`;
}

/** Where the page loads a library thumbnail from. */
export function libraryThumbnailUrl(id: number): string {
  return `${MEDIA_SCHEME}://library/${id}`;
}

/**
 * `scheme://host[:port]` of a URL, or null. Node's URL gives the origin "null" for schemes it
 * does not know (app:), so it is put together from the parts, as Chromium does for a scheme
 * registered as standard.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** Whether a URL is on the app's origin (the dev server's in development). */
export function isAppUrl(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}

/** http(s) links are the only ones ever handed to the system browser. */
export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
