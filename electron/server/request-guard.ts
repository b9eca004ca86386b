import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import os from 'node:os';

/**
 * Who may talk to the studio server: every request must be addressed to an allowed Host
 * (DNS-rebinding defence) and, when a browser sends an Origin, come from the server's own origin.
 * Requests for the writer's data must also carry the token: `Authorization: Bearer` (API
 * clients), or for the WebSocket, where a browser cannot set headers, a subprotocol
 * `folio.token.<token>` offered beside `folio.studio`. Never a cookie (cookies are shared by
 * every port of a host, so every other local server would receive it) and never the query
 * string (it lands in logs and history).
 */
export interface GuardVerdict {
  status: 200 | 401 | 403;
  reason?: string;
}

/** The subprotocol the server answers with; the token's own subprotocol is never echoed back. */
export const STUDIO_SOCKET_PROTOCOL = 'folio.studio';
const TOKEN_PROTOCOL_PREFIX = 'folio.token.';

export function checkRequest(request: IncomingMessage, token: string, allowedHosts: ReadonlySet<string>): GuardVerdict {
  const address = checkAddress(request, allowedHosts);
  return address.status === 200 ? checkToken(request, token) : address;
}

/** Host and Origin only: what the editor's own files (the same for everyone) need. */
export function checkAddress(request: IncomingMessage, allowedHosts: ReadonlySet<string>): GuardVerdict {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!allowedHosts.has(host)) return { status: 403, reason: `host ${host || '(none)'} is not allowed` };
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedHosts.has(originHost(origin))) return { status: 403, reason: `origin ${origin} is not allowed` };
  return { status: 200 };
}

function checkToken(request: IncomingMessage, token: string): GuardVerdict {
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const given = bearer ?? tokenProtocol(request.headers['sec-websocket-protocol']);
  return given !== undefined && sameSecret(given, token) ? { status: 200 } : { status: 401, reason: 'missing or wrong token' };
}

function tokenProtocol(header: string | undefined): string | undefined {
  const offered = (header ?? '').split(',').map((part) => part.trim());
  return offered.find((part) => part.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
}

function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : '';
  } catch {
    return '';
  }
}

export function sameSecret(given: string, expected: string): boolean {
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
