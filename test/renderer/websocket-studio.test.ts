// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StudioEvent, WireMessage } from '../../electron/contract/studio-api';
import {
  browserStudioOptions,
  createWebSocketStudio,
  StudioCallError,
  type StudioSocket,
} from '../../renderer/src/studio/websocket-studio';

/** A socket the test plays the server for. */
class FakeSocket implements StudioSocket {
  readyState = 0;
  sent: Array<Extract<WireMessage, { type: 'request' }>> = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  reply(message: WireMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
}

let sockets: FakeSocket[];
const connect = () =>
  createWebSocketStudio({
    socketUrl: 'ws://studio.test/api',
    token: 't0k',
    openSocket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
    reconnectDelay: (attempt) => 100 * 2 ** attempt,
  });

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('the WebSocket studio', () => {
  it('sends requests queued before the socket opened, and matches responses by id in any order', async () => {
    const studio = connect();
    const setup = studio.libraryState();
    const search = studio.searchLibrary({ query: 'boats', limit: 4 });
    const socket = sockets[0]!;
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent.map(({ method, params }) => ({ method, params }))).toEqual([
      { method: 'libraryState', params: undefined },
      { method: 'searchLibrary', params: { query: 'boats', limit: 4 } },
    ]);
    const [first, second] = socket.sent;
    socket.reply({ type: 'response', id: second!.id, ok: true, result: [{ id: 3 }] });
    socket.reply({ type: 'response', id: first!.id, ok: true, result: { folder: '/pics', pictures: 12 } });
    await expect(setup).resolves.toEqual({ folder: '/pics', pictures: 12 });
    await expect(search).resolves.toEqual([{ id: 3 }]);
  });

  it('rejects with the studio’s error: code, message and detail, no stack to show', async () => {
    const studio = connect();
    sockets[0]!.open();
    const load = studio.loadModel({ source: { kind: 'demo' } });
    sockets[0]!.reply({
      type: 'response',
      id: sockets[0]!.sent[0]!.id,
      ok: false,
      error: { code: 'model-missing', message: 'The model file is gone.', detail: 'ENOENT /m.gguf' },
    });
    const error = await load.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StudioCallError);
    expect(error).toMatchObject({ code: 'model-missing', message: 'The model file is gone.', detail: 'ENOENT /m.gguf' });
  });

  it('hands events to every listener until it unsubscribes', () => {
    const studio = connect();
    sockets[0]!.open();
    const seen: StudioEvent[] = [];
    const stop = studio.onEvent((event) => seen.push(event));
    const event: StudioEvent = {
      type: 'library-changed',
      library: {
        folder: '/pics',
        pictures: 2,
        folders: [],
        embeddingModel: null,
        uncaptioned: 0,
        preparingSearch: false,
        captions: { on: true, activity: 'done', note: null, left: 0, failed: 0 },
      },
    };
    sockets[0]!.reply({ type: 'event', event });
    stop();
    sockets[0]!.reply({ type: 'event', event });
    expect(seen).toEqual([event]);
  });

  it('rejects pending calls with connection-lost when the socket drops, then reconnects with growing pauses', async () => {
    const studio = connect();
    sockets[0]!.open();
    const pending = studio.modelStatus();
    sockets[0]!.drop();
    await expect(pending).rejects.toMatchObject({ code: 'connection-lost' });
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2]!.open();
    const again = studio.modelStatus();
    sockets[2]!.reply({ type: 'response', id: sockets[2]!.sent[0]!.id, ok: true, result: { state: 'none' } });
    await expect(again).resolves.toEqual({ state: 'none' });
  });

  it('after three failed reconnects says the studio stopped, rejects with studio-stopped and tries no more (issue 23)', async () => {
    const studio = connect();
    const events: StudioEvent[] = [];
    studio.onEvent((event) => events.push(event));
    sockets[0]!.open();
    sockets[0]!.drop();
    for (let failed = 0; failed < 2; failed++) {
      vi.advanceTimersByTime(100 * 2 ** failed);
      sockets.at(-1)!.drop();
    }
    expect(events).toEqual([]);
    vi.advanceTimersByTime(400);
    const pending = studio.modelStatus();
    sockets.at(-1)!.drop();
    await expect(pending).rejects.toMatchObject({ code: 'studio-stopped', message: expect.stringMatching(/has stopped.*Start it again/) });
    expect(events).toEqual([{ type: 'studio-stopped' }]);
    const opened = sockets.length;
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(opened);
  });

  it('sends the token as a subprotocol, never in the URL', () => {
    connect();
    expect(sockets[0]!.url).toBe('ws://studio.test/api');
    expect(sockets[0]!.protocols).toEqual(['folio.studio', 'folio.token.t0k']);
  });

  it('loads pictures from the path the server gives, never with the token', () => {
    const studio = connect();
    sockets[0]!.open();
    sockets[0]!.reply({ type: 'session', picturesPath: '/pictures/k3y' });
    expect(studio.assetUrl('ab'.repeat(32))).toBe(`/pictures/k3y/assets/${'ab'.repeat(32)}`);
    expect(studio.libraryThumbnailUrl(7)).toBe('/pictures/k3y/library/thumbnails/7');
    expect(studio.assetThumbnailUrl('ab'.repeat(32))).toBe(`/pictures/k3y/assets/${'ab'.repeat(32)}/thumbnail`);
  });
});

describe('the page token', () => {
  const page = (url: string) => {
    const parsed = new URL(url);
    const replaced: string[] = [];
    const history = {
      state: null,
      replaceState: (_state: unknown, _title: string, next?: string | URL | null) => void replaced.push(String(next)),
    };
    return {
      location: {
        protocol: parsed.protocol,
        host: parsed.host,
        pathname: parsed.pathname,
        search: parsed.search,
        hash: parsed.hash,
      } as Location,
      history,
      replaced,
    };
  };

  it('comes from the fragment, leaves the address bar at once, and comes from sessionStorage after a reload', () => {
    sessionStorage.clear();
    const first = page('https://box:8080/?bench=1#token=abc');
    expect(browserStudioOptions(first.location, sessionStorage, first.history)).toEqual({ socketUrl: 'wss://box:8080/api', token: 'abc' });
    expect(first.replaced).toEqual(['/?bench=1']);
    const reloaded = page('http://box:8080/');
    expect(browserStudioOptions(reloaded.location, sessionStorage, reloaded.history)).toEqual({
      socketUrl: 'ws://box:8080/api',
      token: 'abc',
    });
    expect(reloaded.replaced).toEqual([]);
  });

  it('reads an old ?token= link the same way and drops it from the address', () => {
    sessionStorage.clear();
    const old = page('http://box:8080/?token=xyz');
    expect(browserStudioOptions(old.location, sessionStorage, old.history).token).toBe('xyz');
    expect(old.replaced).toEqual(['/']);
  });
});
