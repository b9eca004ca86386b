/**
 * The OpenAI-compatible endpoints under the same bound on what the server holds unanswered as
 * the Studio API (requests-in-flight.ts): each /v1 connection is a client, and all of them share
 * the total. Without it any number of connections could each hold a 64 MB body while the model
 * answered one. A request counts from its headers, by its declared length (one without counts as
 * the largest body allowed), until its answer ends; one over the bound is refused at once with
 * 429 and its body is never read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { MAX_BODY_BYTES, sendJson } from './http-json';
import { requestsInFlight, type AdmitRequest, type InFlightLimits } from './requests-in-flight';

/** Admits a /v1 request or answers 429 itself; true when the caller should go on. */
export type AdmitV1 = (request: IncomingMessage, response: ServerResponse) => boolean;

export function v1InFlight(limits: Partial<InFlightLimits> = {}): AdmitV1 {
  const newClient = requestsInFlight(limits, { one: 'this connection', all: 'all /v1 connections' });
  const clients = new WeakMap<Socket, AdmitRequest>();
  return (request, response) => {
    let admit = clients.get(request.socket);
    if (!admit) {
      admit = newClient();
      clients.set(request.socket, admit);
    }
    const declared = Number(request.headers['content-length']);
    const bytes = Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, MAX_BODY_BYTES) : MAX_BODY_BYTES;
    const admitted = admit(bytes);
    if ('release' in admitted) {
      response.once('close', admitted.release);
      return true;
    }
    const { message, detail } = admitted.payload;
    response.setHeader('connection', 'close');
    sendJson(response, 429, { error: { message, type: 'server_busy', code: 'server_busy', ...(detail ? { detail } : {}) } });
    return false;
  };
}
