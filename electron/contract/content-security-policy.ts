/**
 * The editor's content security policy, one for the desktop app and the headless server: its
 * own scripts and styles only (React and the editor set styles through the CSSOM, which CSP
 * allows), pictures from the app, data: and blob: (pasted images) and, in the desktop app, the
 * folio: scheme; nothing fetched from anywhere else, no plugins, no <base>, no framing.
 */
export function contentSecurityPolicy(options: { pictureSchemes?: readonly string[] } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' ${[...(options.pictureSchemes ?? []), 'data:', 'blob:'].join(' ')}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
