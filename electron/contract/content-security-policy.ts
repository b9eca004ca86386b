/**
 * The editor's content security policy, one for the desktop app, the headless server and the
 * built page itself: its own scripts and styles only (React and the editor set styles through
 * the CSSOM, which CSP allows), pictures from the app, data: and blob: (pasted images) and, in
 * the desktop app, the folio: scheme; nothing fetched from anywhere else, no plugins, no <base>,
 * no framing.
 */
export function contentSecurityPolicy(options: { pictureSchemes?: readonly string[]; inPage?: boolean } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' ${[...(options.pictureSchemes ?? []), 'data:', 'blob:'].join(' ')}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    // A <meta> policy cannot forbid framing (the browser ignores it there, with a warning): the header does.
    ...(options.inPage ? [] : ["frame-ancestors 'none'"]),
    "form-action 'none'",
  ].join('; ');
}

/** For answers that are data, never documents (pictures, "not found"): they may not run or embed anything. */
export const DATA_ONLY_CONTENT_SECURITY_POLICY = "default-src 'none'";
