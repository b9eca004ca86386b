/**
 * The headless studio server on 127.0.0.1 (or an explicit --host): the editor (the built
 * renderer), the Studio API over a WebSocket at /api, the open project's pictures (and small copies), library
 * thumbnails, and the OpenAI-compatible endpoints. Every request must be addressed to an allowed
 * Host from an allowed Origin; everything but the editor's own files also needs the server's
 * random token (or, for pictures, the key the page is given over its WebSocket).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ModelSession } from '../studio/model/model-session';
import type { StudioService } from '../studio/service/studio-service';
import { allowedHostsFor, checkAddress, checkRequest, type GuardVerdict } from './request-guard';
import { chatCompletions, embeddings, listModels } from './openai-endpoint';
import { sendJson } from './http-json';
import { pathUnderKey, picturesPathFor, servePicture } from './picture-routes';
import { rateLimitedReport } from './rate-limited-report';
import { reportToStderr, type ReportServerError } from './server-log';
import { DEFAULT_RENDERER_DIR, serveStatic } from './static-files';
import { studioSocket } from './studio-socket';
import { runAsOwner } from '../../native-models/host/job-owner';
import type { InFlightLimits } from './requests-in-flight';
import { v1InFlight } from './v1-in-flight';

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
  /** Serve the editor's source maps (*.map): for development only. @default false */
  sourceMaps?: boolean;
  /** Where a failed request or a refused frame is written down. @default stderr */
  reportError?: ReportServerError;
  /** How many Studio API requests (and bytes) may be unanswered at once. @default requests-in-flight.ts */
  inFlight?: Partial<InFlightLimits>;
  /** The same for the OpenAI-compatible endpoints, each connection a client. @default requests-in-flight.ts */
  v1InFlight?: Partial<InFlightLimits>;
}

export interface RunningStudioServer {
  /** The address to open: the token is in the fragment, which the browser never sends. */
  url: string;
  baseUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startStudioServer(options: StudioServerOptions): Promise<RunningStudioServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('hex');
  // A second, narrower secret: picture URLs end up in copied HTML, so they carry this, not the token.
  const picturesKey = randomBytes(16).toString('hex');
  // A caller's own report sees every failure; stderr gets at most a few of each kind at a time.
  const report = options.reportError ?? rateLimitedReport(reportToStderr);
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const service = options.service;
  const socket = service ? studioSocket(service, report, picturesPathFor(picturesKey), options.inFlight) : null;
  const session = (): ModelSession | null => options.session ?? service?.loadedModel() ?? null;
  const admitV1 = v1InFlight(options.v1InFlight);
  let allowed = new Set<string>();

  const route = async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    if (request.method === 'GET' && path === '/v1/models') return listModels(session(), response);
    // Each connection is an owner of its own in the model's queue, as each editor window is.
    if (request.method === 'POST' && path.startsWith('/v1/') && !admitV1(request, response)) return;
    if (request.method === 'POST' && path === '/v1/chat/completions')
      return runAsOwner(request.socket, () => chatCompletions(session(), request, response, report));
    if (request.method === 'POST' && path === '/v1/embeddings') return embeddings(session(), request, response, report);
    if (request.method !== 'GET')
      return sendJson(response, 405, { error: { message: `${request.method} is not allowed here.`, type: 'method_not_allowed' } });
    if (path === '/api/info')
      return sendJson(response, 200, {
        name: 'Folio studio',
        model: session()?.info.modelName ?? null,
        endpoints: ['/api', '/v1/models', '/v1/chat/completions', '/v1/embeddings'],
      });
    if (service && (await servePicture(service, path, response))) return;
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

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const address = checkAddress(request, allowed);
    if (address.status !== 200) return refuse(response, address);
    const path = pathOf(request.url);
    if (path === null)
      return sendJson(response, 400, { error: { message: 'That address cannot be read.', type: 'invalid_request_error' } });
    if (service && request.method === 'GET') {
      const picture = pathUnderKey(path, picturesKey);
      if (picture !== null && (await servePicture(service, picture, response))) return;
      // The editor's own files are the same for everyone: they need no token, so the token can stay out of cookies.
      if (await serveStatic(rendererDir, path, response, { sourceMaps: options.sourceMaps ?? false })) return;
    }
    const verdict = checkRequest(request, token, allowed);
    if (verdict.status !== 200) return refuse(response, verdict);
    return route(request, response, path);
  };

  const server: Server = createServer((request, response) => {
    response.setHeader('referrer-policy', 'no-referrer');
    answer(request, response).catch((error: unknown) => {
      report(`${request.method} ${pathOf(request.url) ?? '(unreadable address)'}`, error);
      if (!response.headersSent)
        sendJson(response, 500, { error: { message: error instanceof Error ? error.message : String(error), type: 'server_error' } });
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, raw: Duplex, head: Buffer) => {
    // A page closing resets its socket: normal, and ws handles it once upgraded; the rest is worth a line.
    raw.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') report('WebSocket upgrade', error);
    });
    try {
      const verdict = checkRequest(request, token, allowed);
      if (verdict.status === 200 && socket && pathOf(request.url) === '/api') return socket.upgrade(request, raw, head);
      raw.end(
        `HTTP/1.1 ${verdict.status === 401 ? '401 Unauthorized' : verdict.status === 403 ? '403 Forbidden' : '404 Not Found'}\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n`,
      );
    } catch (error) {
      report('WebSocket upgrade', error);
      raw.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  server.on('error', (error) => report('server', error));
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHostsFor(host, port);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const baseUrl = `http://${shownHost}:${port}`;
  return {
    url: `${baseUrl}/#token=${token}`,
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

/** The request's path, or null when the address cannot be parsed (`//`, `http://[`): a 400, not a crash. */
function pathOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://placeholder').pathname;
  } catch {
    return null;
  }
}

function refuse(response: ServerResponse, verdict: GuardVerdict): void {
  sendJson(response, verdict.status, {
    error: { message: verdict.status === 401 ? 'This server needs its token.' : 'Forbidden.', type: 'forbidden' },
  });
}
