/**
 * The Studio API over a WebSocket at /api: requests answered by the service, its events
 * pushed to every open page. Each message is parsed defensively; the service validates params.
 * Nothing a client sends ends the process: a bad frame closes that connection, a failing
 * request (or a reply that cannot be sent) becomes that request's error reply.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireMessage } from '../contract/studio-api';
import { toStudioError, type StudioService } from '../studio/service/studio-service';
import { MAX_STUDIO_MESSAGE_BYTES } from './message-limits';
import { runAsOwner } from '../../native-models/host/job-owner';
import { requestsInFlight, type AdmitRequest, type InFlightLimits } from './requests-in-flight';
import { STUDIO_SOCKET_PROTOCOL } from './request-guard';
import type { ReportServerError } from './server-log';

export interface StudioSocket {
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

interface StudioRequest {
  id: number;
  method: string;
  params: unknown;
}

/**
 * `picturesPath`: told to each page first, so it can show pictures (an <img> sends no token).
 * `limits`: what may be unanswered at once (requests-in-flight.ts); tests make them small.
 */
export function studioSocket(
  service: StudioService,
  report: ReportServerError,
  picturesPath: string,
  limits?: Partial<InFlightLimits>,
): StudioSocket {
  const newClient = requestsInFlight(limits);
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_STUDIO_MESSAGE_BYTES,
    // The browser offers the token as a second subprotocol; it is never echoed back.
    handleProtocols: (offered) => (offered.has(STUDIO_SOCKET_PROTOCOL) ? STUDIO_SOCKET_PROTOCOL : false),
  });
  sockets.on('connection', (socket: WebSocket) => serve(service, socket, report, picturesPath, newClient()));
  sockets.on('error', (error) => report('WebSocket server', error));
  return {
    upgrade: (request, socket, head) => sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request)),
    close: () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  };
}

function serve(service: StudioService, socket: WebSocket, report: ReportServerError, picturesPath: string, admit: AdmitRequest): void {
  const send = (message: WireMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  send({ type: 'session', picturesPath });
  const unsubscribe = service.onEvent((event) => {
    try {
      send({ type: 'event', event });
    } catch (error) {
      report(`event ${event.type}`, error);
    }
  });
  socket.on('close', unsubscribe);
  // A frame ws refuses (invalid UTF-8, no mask, RSV bits, unknown opcode, over the size limit)
  // arrives here and ws closes this connection with the matching code; with no listener the
  // 'error' event would end the whole server.
  socket.on('error', (error) => report('WebSocket connection closed on a bad frame', error.message));
  socket.on('message', (data, isBinary) => {
    const request = isBinary ? null : parseRequest(data.toString());
    if (!request) return socket.close(1003, 'Not a Studio API request.');
    const admitted = admit(frameBytes(data));
    if (!('release' in admitted)) return send({ type: 'response', id: request.id, ok: false, error: admitted.payload });
    void runAsOwner(socket, () => answer(service, request, send, report)).finally(admitted.release);
  });
}

async function answer(
  service: StudioService,
  request: StudioRequest,
  send: (message: WireMessage) => void,
  report: ReportServerError,
): Promise<void> {
  let reply: WireMessage;
  try {
    reply = { type: 'response', id: request.id, ok: true, result: (await service.handle(request.method, request.params)) ?? null };
  } catch (error) {
    reply = { type: 'response', id: request.id, ok: false, error: toStudioError(error) };
  }
  try {
    send(reply);
  } catch (error) {
    // A result JSON cannot carry (too deep, a cycle): the request fails, the connection stays.
    report(`reply to ${request.method}`, error);
    send({ type: 'response', id: request.id, ok: false, error: toStudioError(error) });
  }
}

function frameBytes(data: Buffer | ArrayBuffer | Buffer[]): number {
  return Array.isArray(data) ? data.reduce((sum, part) => sum + part.byteLength, 0) : data.byteLength;
}

function parseRequest(text: string): StudioRequest | null {
  try {
    const value = JSON.parse(text) as Partial<{ type: unknown; id: unknown; method: unknown; params: unknown }>;
    if (value?.type !== 'request' || !Number.isSafeInteger(value.id) || typeof value.method !== 'string') return null;
    return { id: value.id as number, method: value.method, params: value.params ?? null };
  } catch {
    return null;
  }
}
