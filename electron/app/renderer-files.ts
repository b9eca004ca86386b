/**
 * Answers `app://folio/<path>` from the built renderer folder. Only files inside the folder
 * are served: a path that climbs out of it, names a folder or holds a NUL is a 404. Every
 * answer carries the content security policy (webRequest's header hooks do not run for custom
 * schemes).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { DATA_ONLY_CONTENT_SECURITY_POLICY } from '../contract/content-security-policy';
import { rendererFileType } from '../contract/renderer-file-types';

/** The file a request names inside `rendererDir`, or null when it names nothing servable there. */
export function rendererFileFor(rendererDir: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    const url = new URL(requestUrl);
    if (url.host !== APP_HOST) return null;
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': DATA_ONLY_CONTENT_SECURITY_POLICY },
  });
}

export async function serveRendererFile(rendererDir: string, requestUrl: string): Promise<Response> {
  const file = rendererFileFor(rendererDir, requestUrl);
  if (!file) return notFound();
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return notFound();
  const type = rendererFileType(file);
  return new Response(new Uint8Array(await readFile(file)), {
    status: 200,
    headers: {
      'content-type': type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}
