import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import os from 'node:os';

/**
 * Who may talk to the studio server: requests carrying the token (a `token` query parameter for
 * the browser URL, then a same-site cookie for the page's own requests, or `Authorization: Bearer`
 * for API clients), addressed to an allowed Host
 * (DNS-rebinding defence) and, when a browser sends an Origin, from the server's own origin.
 */
export interface GuardVerdict {
  status: 200 | 401 | 403;
  reason?: string;
}

export function checkRequest(request: IncomingMessage, token: string, allowedHosts: ReadonlySet<string>): GuardVerdict {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!allowedHosts.has(host)) return { status: 403, reason: `host ${host || '(none)'} is not allowed` };
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedHosts.has(originHost(origin))) return { status: 403, reason: `origin ${origin} is not allowed` };
  const url = new URL(request.url ?? '/', 'http://placeholder');
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const given = bearer ?? url.searchParams.get('token');
  const ok = given !== null ? sameSecret(given, token) : tokenCookies(request.headers.cookie).some((value) => sameSecret(value, token));
  return ok ? { status: 200 } : { status: 401, reason: 'missing or wrong token' };
}

/**
 * The page's own requests (scripts, pictures) carry the token as a cookie set when it was
 * opened with it; named per port, because cookies are shared by every port of a host.
 */
export const tokenCookieName = (port: number): string => `folio_token_${port}`;

function tokenCookies(header: string | undefined): string[] {
  return (header ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .filter(([name]) => name?.startsWith('folio_token_'))
    .map(([, ...value]) => value.join('='));
}

function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : '';
  } catch {
    return '';
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The Host values a server on this address and port answers to: loopback names, the address it
 * was told to listen on, and, listening on every interface, this machine's own addresses and name.
 */
export function allowedHostsFor(host: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '[::1]', ...extra]);
  if (host === '0.0.0.0' || host === '::') {
    names.add(os.hostname());
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.family === 'IPv6' ? `[${address.address}]` : address.address);
    }
  } else {
    names.add(host.includes(':') ? `[${host}]` : host);
  }
  return new Set([...names].map((name) => `${name}:${port}`.toLowerCase()));
}
