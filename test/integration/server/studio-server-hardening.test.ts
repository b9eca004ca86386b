/**
 * What an outside probe sent the served studio, through the real server: frames ws refuses,
 * addresses URL cannot parse, handlers that fail, a reply or an event JSON cannot carry. Each
 * ends that connection or that request only, is written down, and the server goes on answering.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import type { ModelSession } from '../../../electron/studio/model/model-session';
import type { StudioService } from '../../../electron/studio/service/studio-service';
import { startBareStudioServer, type BareStudioServer } from '../../helpers/bare-studio-server';
import { encodeFrame, openRawSocket, readFrames, type RawFrame } from '../../helpers/raw-websocket';
import { connectStudio } from '../../helpers/studio-client';

let bare: BareStudioServer;
let server: RunningStudioServer;
let reported: string[];
let rendererDir: string;

beforeAll(async () => {
  bare = await startBareStudioServer();
  ({ server, reported, rendererDir } = bare);
});
afterAll(() => bare.close());

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
    const upgrade = await rawHttp([
      'GET // HTTP/1.1',
      `Host: ${host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==',
      'Sec-WebSocket-Version: 13',
    ]);
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
