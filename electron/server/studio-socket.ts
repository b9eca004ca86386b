/**
 * The Studio API over a WebSocket at /api: requests answered by the service, its events
 * pushed to every open page. Each message is parsed defensively; the service validates params.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireMessage } from '../contract/studio-api';
import { toStudioError, type StudioService } from '../studio/service/studio-service';

/** A pasted 40 MB picture, base64, plus the envelope. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface StudioSocket {
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function studioSocket(service: StudioService): StudioSocket {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  sockets.on('connection', (socket) => serve(service, socket));
  return {
    upgrade: (request, socket, head) => sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request)),
    close: () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  };
}

function serve(service: StudioService, socket: WebSocket): void {
  const send = (message: WireMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = service.onEvent((event) => send({ type: 'event', event }));
  socket.on('close', unsubscribe);
  socket.on('message', (data, isBinary) => {
    const request = isBinary ? null : parseRequest(data.toString());
    if (!request) return socket.close(1003, 'Not a Studio API request.');
    service.handle(request.method, request.params).then(
      (result) => send({ type: 'response', id: request.id, ok: true, result: result ?? null }),
      (error: unknown) => send({ type: 'response', id: request.id, ok: false, error: toStudioError(error) }),
    );
  });
}

function parseRequest(text: string): { id: number; method: string; params: unknown } | null {
  try {
    const value = JSON.parse(text) as Partial<{ type: unknown; id: unknown; method: unknown; params: unknown }>;
    if (value?.type !== 'request' || !Number.isSafeInteger(value.id) || typeof value.method !== 'string') return null;
    return { id: value.id as number, method: value.method, params: value.params ?? null };
  } catch {
    return null;
  }
}
