/**
 * The headless studio server on 127.0.0.1 (or an explicit --host): the OpenAI-compatible
 * endpoints now, the Studio API and the editor with the desktop-app work. Every request must
 * carry the server's random token and be addressed to an allowed host.
 */
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ModelSession } from '../studio/model/model-session';
import { allowedHostsFor, checkRequest } from './request-guard';
import { chatCompletions, embeddings, listModels } from './openai-endpoint';
import { sendJson } from './http-json';

export interface StudioServerOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** @default a random 32-byte hex token */
  token?: string;
  session: ModelSession | null;
}

export interface RunningStudioServer {
  /** The address to open, token included. */
  url: string;
  baseUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startStudioServer(options: StudioServerOptions): Promise<RunningStudioServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('hex');
  let allowed = new Set<string>();
  const server: Server = createServer((request, response) => {
    const verdict = checkRequest(request, token, allowed);
    if (verdict.status !== 200) return sendJson(response, verdict.status, { error: { message: verdict.status === 401 ? 'This server needs its token.' : 'Forbidden.', type: 'forbidden' } });
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    if (request.method === 'GET' && path === '/v1/models') return listModels(options.session, response);
    if (request.method === 'POST' && path === '/v1/chat/completions') return void chatCompletions(options.session, request, response);
    if (request.method === 'POST' && path === '/v1/embeddings') return void embeddings(options.session, request, response);
    if (request.method === 'GET' && path === '/') {
      return sendJson(response, 200, { name: 'Folio studio', model: options.session?.info.modelName ?? null, endpoints: ['/v1/models', '/v1/chat/completions', '/v1/embeddings'] });
    }
    sendJson(response, 404, { error: { message: `No such endpoint: ${request.method} ${path}`, type: 'not_found' } });
  });
  // WebSocket upgrades (the Studio API, later) pass the same checks before anything else.
  server.on('upgrade', (request, socket) => {
    const verdict = checkRequest(request, token, allowed);
    socket.end(`HTTP/1.1 ${verdict.status === 200 ? '501 Not Implemented' : verdict.status === 401 ? '401 Unauthorized' : '403 Forbidden'}\r\n\r\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHostsFor(host, port);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const baseUrl = `http://${shownHost}:${port}`;
  return {
    url: `${baseUrl}/?token=${token}`,
    baseUrl,
    token,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
