/**
 * The content type of each kind of file in the built renderer, one table for both ways it is
 * served: the server's static files (electron/server/static-files.ts) and the desktop app's
 * `app://` scheme (electron/app/renderer-files.ts). A file of any other kind goes as bytes
 * (`application/octet-stream`, with nosniff), which a browser will not run or show.
 */
const RENDERER_FILE_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

/** The content type to serve a renderer file with, from its name's ending (any case). */
export function rendererFileType(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ending = dot > Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) ? fileName.slice(dot).toLowerCase() : '';
  return RENDERER_FILE_TYPES[ending] ?? 'application/octet-stream';
}
