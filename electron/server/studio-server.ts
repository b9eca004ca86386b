/**
 * The headless studio server on 127.0.0.1 (or an explicit --host): the editor (the built
 * renderer), the Studio API over a WebSocket at /api, the open project's pictures (and small copies), library
 * thumbnails, and the OpenAI-compatible endpoints. Every request, WebSocket upgrades included,
 * must carry the server's random token and be addressed to an allowed Host from an allowed Origin.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ModelSession } from '../studio/model/model-session';
import type { StudioService } from '../studio/service/studio-service';
import { allowedHostsFor, checkRequest, tokenCookieName } from './request-guard';
import { chatCompletions, embeddings, listModels } from './openai-endpoint';
import { sendJson } from './http-json';
import { DEFAULT_RENDERER_DIR, sendFile, serveStatic } from './static-files';
import { studioSocket } from './studio-socket';

export interface StudioServerOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** @default a random 32-byte hex token */
  token?: string;
  /** The studio behind the editor and /api; without it only the OpenAI endpoints answer. */
  service?: StudioService;
  /** A model for the OpenAI endpoints; default: the service's loaded model. */
  session?: ModelSession | null;
  /** @default dist/renderer */
  rendererDir?: string;
}

export interface RunningStudioServer {
  /** The address to open, token included. */
  url: string;
  baseUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const ASSET_PATH = /^\/assets\/([0-9a-f]{64})(\/thumbnail)?$/;
const THUMBNAIL_PATH = /^\/library\/thumbnails\/(\d{1,15})$/;

export async function startStudioServer(options: StudioServerOptions): Promise<RunningStudioServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('hex');
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const service = options.service;
  const socket = service ? studioSocket(service) : null;
  const session = (): ModelSession | null => options.session ?? service?.loadedModel() ?? null;
  let allowed = new Set<string>();
  let port = 0;

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const path = url.pathname;
    if (request.method === 'GET' && path === '/v1/models') return listModels(session(), response);
    if (request.method === 'POST' && path === '/v1/chat/completions') return chatCompletions(session(), request, response);
    if (request.method === 'POST' && path === '/v1/embeddings') return embeddings(session(), request, response);
    if (request.method !== 'GET') return sendJson(response, 405, { error: { message: `${request.method} is not allowed here.`, type: 'method_not_allowed' } });
    if (path === '/api/info') return sendJson(response, 200, { name: 'Folio studio', model: session()?.info.modelName ?? null, endpoints: ['/api', '/v1/models', '/v1/chat/completions', '/v1/embeddings'] });
    const asset = ASSET_PATH.exec(path);
    const thumbnail = THUMBNAIL_PATH.exec(path);
    if (service && (asset || thumbnail)) {
      const file = asset ? await (asset[2] ? service.readAssetThumbnail(asset[1] as string) : service.readAsset(asset[1] as string)) : await service.readLibraryThumbnail(Number(thumbnail?.[1]));
      return file ? sendFile(response, file) : sendJson(response, 404, { error: { message: 'No such picture.', type: 'not_found' } });
    }
    // Opened with ?token=: the page's own requests (scripts, pictures) carry it as a cookie from here on.
    const cookie = url.searchParams.has('token') ? { 'set-cookie': `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/` } : undefined;
    if (service && (await serveStatic(rendererDir, path, response, cookie))) return;
    if (path === '/') {
      return sendJson(response, 200, {
        name: 'Folio studio',
        model: session()?.info.modelName ?? null,
        editor: service ? 'The editor is not built: run npm run build:renderer.' : null,
        endpoints: ['/v1/models', '/v1/chat/completions', '/v1/embeddings'],
      });
    }
    sendJson(response, 404, { error: { message: `No such endpoint: ${request.method} ${path}`, type: 'not_found' } });
  };

  const server: Server = createServer((request, response) => {
    const verdict = checkRequest(request, token, allowed);
    if (verdict.status !== 200) return sendJson(response, verdict.status, { error: { message: verdict.status === 401 ? 'This server needs its token.' : 'Forbidden.', type: 'forbidden' } });
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: error instanceof Error ? error.message : String(error), type: 'server_error' } });
      else response.destroy();
    });
  });
  server.on('upgrade', (request, raw, head) => {
    const verdict = checkRequest(request, token, allowed);
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    if (verdict.status === 200 && socket && path === '/api') return socket.upgrade(request, raw, head);
    raw.end(`HTTP/1.1 ${verdict.status === 401 ? '401 Unauthorized' : verdict.status === 403 ? '403 Forbidden' : '404 Not Found'}\r\n\r\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  port = (server.address() as AddressInfo).port;
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
        socket?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
