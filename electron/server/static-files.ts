/**
 * The built renderer (dist/renderer), served to the browser with the same strict content
 * security policy as the desktop app. Paths are resolved inside the folder only.
 */
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy, DATA_ONLY_CONTENT_SECURITY_POLICY } from '../contract/content-security-policy';
import { rendererFileType } from '../contract/renderer-file-types';

export const DEFAULT_RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * Serves a file of the built editor; false when there is none (the caller answers 404 or routes
 * on). Source maps (megabytes of the editor's source) are served only when asked for, in development.
 */
export async function serveStatic(
  rendererDir: string,
  pathname: string,
  response: ServerResponse,
  options: { sourceMaps: boolean },
): Promise<boolean> {
  const relative = pathname === '/' ? 'index.html' : decodedPath(pathname)?.replace(/^\/+/, '');
  if (!relative || (!options.sourceMaps && relative.endsWith('.map'))) return false;
  const file = path.resolve(rendererDir, relative);
  if (!file.startsWith(rendererDir + path.sep)) return false;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  const type = rendererFileType(file);
  response.writeHead(200, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': type.startsWith('text/html') ? 'no-store' : 'private, max-age=3600',
  });
  response.end(await readFile(file));
  return true;
}

/** A path with a broken escape (`%E0%A4%A`) names no file. */
function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

export function sendFile(response: ServerResponse, file: { bytes: Buffer; mimeType: string }): void {
  response.writeHead(200, {
    'content-type': file.mimeType,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=86400',
    'content-security-policy': DATA_ONLY_CONTENT_SECURITY_POLICY,
  });
  response.end(file.bytes);
}
