/**
 * Web permissions the page may have. Copying a picture or text out of the editor uses the
 * sanitized clipboard write; pasting works through the paste event, which needs no permission.
 * Everything else (camera, notifications, geolocation, reading the clipboard at will, ...) is
 * refused, whoever asks.
 */
const ALLOWED = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string, isAppUrl: (url: string) => boolean): boolean {
  return ALLOWED.has(permission) && isAppUrl(requestingUrl);
}
