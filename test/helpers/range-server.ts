/**
 * A small file server on 127.0.0.1 for download tests: Range and If-Range like a CDN, and
 * faults on demand (a connection dropped after N bytes, a slow trickle). It counts every body
 * byte it sends, so tests can prove that bytes already fetched are not fetched again.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface ServedRequest {
  method: string;
  name: string;
  range?: string;
  ifRange?: string;
  status: number;
  /** Body bytes written for this request. */
  bytesSent: number;
}

export interface RangeServer {
  url(name: string): string;
  /** Replaces (or adds) a file; its ETag changes with its content. */
  setFile(name: string, body: Buffer): void;
  /** The next GET of `name` sends `bytes` of body and then closes the connection. */
  dropNextAfter(name: string, bytes: number): void;
  /** Send bodies in chunks of `chunkBytes` every `intervalMs` (0 turns it off). */
  setTrickle(chunkBytes: number, intervalMs: number): void;
  readonly requests: ServedRequest[];
  bytesSent(name?: string): number;
  /** Most GETs that were sending a body at the same time. */
  readonly maxConcurrent: number;
  close(): Promise<void>;
}

const etagOf = (body: Buffer): string => `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;

export async function startRangeServer(files: Record<string, Buffer>): Promise<RangeServer> {
  const bodies = new Map(Object.entries(files));
  const drops = new Map<string, number>();
  const requests: ServedRequest[] = [];
  const lastModified = new Date(Date.UTC(2025, 0, 1)).toUTCString();
  let trickle = { chunkBytes: 0, intervalMs: 0 };
  let active = 0;
  let maxConcurrent = 0;

  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1).split('?')[0] ?? '');
    const body = bodies.get(name);
    const record: ServedRequest = {
      method: req.method ?? 'GET',
      name,
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(typeof req.headers['if-range'] === 'string' ? { ifRange: req.headers['if-range'] } : {}),
      status: 0,
      bytesSent: 0,
    };
    requests.push(record);
    if (!body) {
      record.status = 404;
      res.writeHead(404).end();
      return;
    }
    const etag = etagOf(body);
    let start = 0;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const rangeApplies = range && (record.ifRange === undefined || record.ifRange === etag || record.ifRange === lastModified);
    const headers: http.OutgoingHttpHeaders = {
      etag,
      'last-modified': lastModified,
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
    };
    let end = body.length;
    if (rangeApplies) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]) + 1, body.length) : body.length;
      if (start >= body.length) {
        record.status = 416;
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      record.status = 206;
      res.writeHead(206, { ...headers, 'content-length': end - start, 'content-range': `bytes ${start}-${end - 1}/${body.length}` });
    } else {
      record.status = 200;
      res.writeHead(200, { ...headers, 'content-length': body.length });
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const dropAfter = drops.get(name);
    drops.delete(name);
    active++;
    maxConcurrent = Math.max(maxConcurrent, active);
    res.on('close', () => active--);
    void sendBody(res, body.subarray(start, end), record, dropAfter, trickle);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    setFile: (name, body) => void bodies.set(name, body),
    dropNextAfter: (name, bytes) => void drops.set(name, bytes),
    setTrickle: (chunkBytes, intervalMs) => void (trickle = { chunkBytes, intervalMs }),
    requests,
    bytesSent: (name) => requests.filter((r) => name === undefined || r.name === name).reduce((sum, r) => sum + r.bytesSent, 0),
    get maxConcurrent() {
      return maxConcurrent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function sendBody(
  res: http.ServerResponse,
  data: Buffer,
  record: ServedRequest,
  dropAfter: number | undefined,
  trickle: { chunkBytes: number; intervalMs: number },
): Promise<void> {
  const limit = dropAfter === undefined ? data.length : Math.min(dropAfter, data.length);
  const chunkBytes = trickle.chunkBytes > 0 ? trickle.chunkBytes : 64 * 1024;
  for (let offset = 0; offset < limit && !res.destroyed; offset += chunkBytes) {
    const chunk = data.subarray(offset, Math.min(offset + chunkBytes, limit));
    // Counted once flushed, so a test can compare it with what reached the client.
    const written = await new Promise<boolean>((resolve) => res.write(chunk, (error) => resolve(!error)));
    if (!written) return;
    record.bytesSent += chunk.length;
    if (trickle.intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, trickle.intervalMs));
  }
  if (res.destroyed) return;
  if (dropAfter !== undefined && dropAfter < data.length) {
    // Let the bytes already written reach the client, then close without finishing the body.
    setTimeout(() => res.socket?.destroy(), 20);
    return;
  }
  res.end();
}
