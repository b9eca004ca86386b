/**
 * What an outside probe sent the served studio, through the real server: frames ws refuses,
 * addresses URL cannot parse, a reply JSON cannot carry. Each ends that connection or that
 * request only; the server goes on answering. And where the token may travel: never a cookie,
 * never the query string, never a Referer; pictures open with a key that opens nothing else.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import type { ModelSession } from '../../../electron/studio/model/model-session';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { testPicture } from '../../fixtures/png';
import { encodeFrame, openRawSocket, readFrames, type RawFrame } from '../../helpers/raw-websocket';
import { connectStudio } from '../../helpers/studio-client';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-hardening-'));
const rendererDir = path.join(dataDir, 'renderer');
const reported: string[] = [];
let service: StudioService;
let server: RunningStudioServer;

beforeAll(async () => {
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Folio</title>');
  writeFileSync(path.join(rendererDir, 'app.js'), 'export {};\n//# sourceMappingURL=app.js.map\n');
  writeFileSync(path.join(rendererDir, 'app.js.map'), '{"version":3,"sources":["secret-source.ts"]}');
  service = await StudioService.create({ dataDir, shell: 'browser', loadConfiguredModel: false, modelsDir: path.join(dataDir, 'models') });
  server = await startStudioServer({ service, rendererDir, reportError: (where) => reported.push(where) });
});
afterAll(async () => {
  await server.close();
  await service.close();
});

const text = (value: string): Buffer => Buffer.from(value, 'utf8');
const request = (method: string, params: unknown = null): Buffer => text(JSON.stringify({ type: 'request', id: 1, method, params }));

/** Sends one frame on a fresh authorized connection; resolves with the close code the server sent. */
async function closeCodeFor(frame: RawFrame): Promise<number | undefined> {
  const connection = await openRawSocket(server.baseUrl, server.token);
  connection.send(encodeFrame(frame));
  await connection.closed;
  return readFrames(connection.received()).find((received) => received.opcode === 8)?.closeCode;
}

async function stillAnswers(): Promise<void> {
  const studio = await connectStudio(server.baseUrl, server.token);
  try {
    expect(await studio.call('capabilities')).toMatchObject({ shell: 'browser' });
  } finally {
    studio.close();
  }
}

/** One HTTP request written by hand (fetch would refuse to send these). */
function rawHttp(lines: string[]): Promise<string> {
  const url = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write([...lines, 'Connection: close', '', ''].join('\r\n'));
  });
}

describe('a bad WebSocket frame closes that connection only', () => {
  it.each<[string, RawFrame, number]>([
    ['text that is not UTF-8', { opcode: 1, payload: Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]) }, 1007],
    ['an unmasked frame', { opcode: 1, payload: request('capabilities'), masked: false }, 1002],
    ['RSV1 set without an extension', { opcode: 1, rsv: 4, payload: request('capabilities') }, 1002],
    ['an opcode that does not exist', { opcode: 3, payload: text('x') }, 1002],
    ['a message over the size limit', { opcode: 2, payload: Buffer.alloc(0), announcedLength: 64 * 1024 * 1024 + 1 }, 1009],
  ])('%s', async (_name, frame, code) => {
    expect(await closeCodeFor(frame)).toBe(code);
    await stillAnswers();
  });

  it('a fragmented message that grows past the limit', async () => {
    const connection = await openRawSocket(server.baseUrl, server.token);
    const piece = Buffer.alloc(16 * 1024 * 1024, 0x20);
    connection.send(encodeFrame({ opcode: 1, fin: false, payload: piece }));
    for (let index = 0; index < 4; index++) connection.send(encodeFrame({ opcode: 0, fin: false, payload: piece }));
    await connection.closed;
    expect(readFrames(connection.received()).find((frame) => frame.opcode === 8)?.closeCode).toBe(1009);
    await stillAnswers();
  });

  it('a picture too large for a message (as the editor would send it): the connection closes, the server stays', async () => {
    const studio = await connectStudio(server.baseUrl, server.token);
    const huge = studio.call('importImage', { fileName: 'huge.png', dataBase64: 'A'.repeat(65 * 1024 * 1024) });
    await expect(huge).rejects.toThrow(/socket closed/);
    await stillAnswers();
  });

  it('the failures are written down', () => {
    expect(reported.filter((where) => /bad frame/.test(where)).length).toBeGreaterThanOrEqual(5);
  });
});

describe('no request can end the server', () => {
  it('an address URL cannot parse is a 400', async () => {
    const host = new URL(server.baseUrl).host;
    expect(await rawHttp(['GET // HTTP/1.1', `Host: ${host}`])).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawHttp(['GET /\\ HTTP/1.1', `Host: ${host}`, `Authorization: Bearer ${server.token}`])).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawHttp(['GET /%E0%A4%A HTTP/1.1', `Host: ${host}`, `Authorization: Bearer ${server.token}`])).toMatch(/^HTTP\/1\.1 404/);
    const upgrade = await rawHttp(['GET // HTTP/1.1', `Host: ${host}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==', 'Sec-WebSocket-Version: 13']);
    expect(upgrade).not.toMatch(/^HTTP\/1\.1 101/);
    await stillAnswers();
  });

  it('a failing picture read is a 500 for that request, written down', async () => {
    const failing = {
      handle: async () => null,
      onEvent: () => () => undefined,
      loadedModel: () => null,
      readAsset: async () => {
        throw new Error('disk on fire');
      },
    } as unknown as StudioService;
    const odd = await startStudioServer({ service: failing, rendererDir, reportError: (where) => reported.push(where) });
    try {
      const answer = await fetch(`${odd.baseUrl}/assets/${'a'.repeat(64)}`, { headers: { authorization: `Bearer ${odd.token}` } });
      expect(answer.status).toBe(500);
      expect(await answer.json()).toMatchObject({ error: { type: 'server_error' } });
      expect(reported).toContain(`GET /assets/${'a'.repeat(64)}`);
      expect((await fetch(`${odd.baseUrl}/api/info`, { headers: { authorization: `Bearer ${odd.token}` } })).status).toBe(200);
    } finally {
      await odd.close();
    }
  });

  it('a model call that fails unexpectedly is a 500 from the OpenAI endpoint, written down', async () => {
    const broken = {
      info: { modelName: 'broken' },
      ask: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    } as unknown as ModelSession;
    const odd = await startStudioServer({ session: broken, reportError: (where) => reported.push(where) });
    try {
      const answer = await fetch(`${odd.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${odd.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Hello?' }] }),
      });
      expect(answer.status).toBe(500);
      expect(reported).toContain('POST /v1/chat/completions');
      expect((await fetch(`${odd.baseUrl}/v1/models`, { headers: { authorization: `Bearer ${odd.token}` } })).status).toBe(200);
    } finally {
      await odd.close();
    }
  });

  it('an event JSON cannot carry is written down and skipped; the connection stays', async () => {
    let emit: (event: unknown) => void = () => undefined;
    const cyclic: Record<string, unknown> = { type: 'library-changed' };
    cyclic.self = cyclic;
    const fake = {
      handle: async () => 'fine',
      onEvent: (listener: (event: unknown) => void) => ((emit = listener), () => undefined),
      loadedModel: () => null,
    } as unknown as StudioService;
    const odd = await startStudioServer({ service: fake, rendererDir, reportError: (where) => reported.push(where) });
    try {
      const studio = await connectStudio(odd.baseUrl, odd.token);
      emit(cyclic);
      expect(await studio.raw('capabilities', null)).toBe('fine');
      expect(reported).toContain('event library-changed');
      studio.close();
    } finally {
      await odd.close();
    }
  });

  it('a reply JSON cannot carry becomes that request’s error', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const fake = { handle: async () => cyclic, onEvent: () => () => undefined, loadedModel: () => null } as unknown as StudioService;
    const odd = await startStudioServer({ service: fake, rendererDir, reportError: (where) => reported.push(where) });
    try {
      const studio = await connectStudio(odd.baseUrl, odd.token);
      await expect(studio.call('capabilities')).rejects.toMatchObject({ payload: { code: 'internal' } });
      await expect(studio.call('libraryState')).rejects.toMatchObject({ payload: { code: 'internal' } });
      studio.close();
      expect(reported).toContain('reply to capabilities');
    } finally {
      await odd.close();
    }
  });
});

describe('the token stays out of cookies, addresses and Referers', () => {
  it('is printed in the fragment, which the browser never sends', () => {
    expect(server.url).toBe(`${server.baseUrl}/#token=${server.token}`);
  });

  it('the editor’s own files load without it, set no cookie, and send no Referer', async () => {
    const page = await fetch(`${server.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const refused = await fetch(`${server.baseUrl}/api/info`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('is accepted in a header or a WebSocket subprotocol, no longer in the query string or a cookie', async () => {
    expect((await fetch(`${server.baseUrl}/api/info`, { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/api/info?token=${server.token}`)).status).toBe(401);
    expect((await fetch(`${server.baseUrl}/api/info`, { headers: { cookie: `folio_token_${server.port}=${server.token}` } })).status).toBe(401);
    const byQuery = new WebSocket(`${server.baseUrl.replace(/^http/, 'ws')}/api?token=${server.token}`, { headers: { origin: server.baseUrl } });
    const status = await new Promise((resolve) => byQuery.once('unexpected-response', (_request, response) => resolve(response.statusCode)));
    expect(status).toBe(401);
    await expect(connectStudio(server.baseUrl, 'wrong')).rejects.toThrow(/401/);
  });

  it('pictures open with the page’s key, which opens nothing else', async () => {
    const studio = await connectStudio(server.baseUrl, server.token);
    try {
      const picture = await studio.call('importImage', { fileName: 'a.png', dataBase64: testPicture(3, 48).toString('base64') });
      const picturesPath = studio.picturesPath();
      expect(picturesPath).toMatch(/^\/pictures\/[0-9a-f]{32}$/);
      expect(picturesPath).not.toContain(server.token);
      const shown = await fetch(`${server.baseUrl}${picturesPath}/assets/${picture.assetId}`);
      expect([shown.status, shown.headers.get('content-type'), shown.headers.get('referrer-policy')]).toEqual([200, 'image/png', 'no-referrer']);
      expect((await fetch(`${server.baseUrl}${picturesPath}/assets/${picture.assetId}/thumbnail`)).status).toBe(200);
      expect((await fetch(`${server.baseUrl}/pictures/${'0'.repeat(32)}/assets/${picture.assetId}`)).status).toBe(401);
      expect((await fetch(`${server.baseUrl}${picturesPath}/api/info`)).status).toBe(401);
      expect((await fetch(`${server.baseUrl}/assets/${picture.assetId}`)).status).toBe(401);
    } finally {
      studio.close();
    }
  });
});

describe('the editor’s source map', () => {
  it('is not served unless the server runs for development', async () => {
    expect((await fetch(`${server.baseUrl}/app.js`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/app.js.map`)).status).toBe(401);
    expect((await fetch(`${server.baseUrl}/app.js.map`, { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(404);
    const development = await startStudioServer({ service, rendererDir, sourceMaps: true });
    try {
      expect((await fetch(`${development.baseUrl}/app.js.map`)).status).toBe(200);
    } finally {
      await development.close();
    }
  });
});
