import { contentSecurityPolicy } from '../contract/content-security-policy';

/** The renderer's policy (shared with the headless server), with pictures on the folio: scheme. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ pictureSchemes: ['folio:'] });

/**
 * Under `electron-forge start` only: Vite's dev server injects inline module scripts (React
 * Refresh's preamble) and talks to its page over a WebSocket on the same host.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
