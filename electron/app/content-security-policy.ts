/**
 * The renderer's content security policy: its own scripts only, pictures from the app, the
 * folio: scheme, data: and blob: (pasted images), nothing fetched from anywhere else, no
 * plugins, no <base>, no framing. Inline styles are allowed, as on the headless server
 * (electron/server/static-files.ts): the editor's extensions set element styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' folio: data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Under `electron-forge start` only: Vite's dev server injects inline module scripts (React
 * Refresh's preamble) and talks to its page over a WebSocket on the same host.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
  "connect-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
);

/** Pictures served on folio: are data, never documents: they may not run or embed anything. */
export const MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'";
