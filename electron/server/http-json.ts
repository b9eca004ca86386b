import type { IncomingMessage, ServerResponse } from 'node:http';
import { ModelError } from '../../native-models/errors';

/** Request bodies are capped: images arrive as data URLs, but nothing needs more than this. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function readJsonBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ModelError('invalid-request', `the request is larger than ${Math.round(limit / 1048576)} MB`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ModelError('invalid-request', 'the body is not valid JSON');
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}
