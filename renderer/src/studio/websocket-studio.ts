/**
 * The Studio API over the headless server's WebSocket, for a plain browser (Electron's preload
 * provides its own `window.studio`). Requests are matched to responses by id; a dropped socket
 * rejects what was pending with `connection-lost` and reconnects with growing pauses; when three
 * reconnects in a row fail the studio has stopped (`studio-stopped`, an event for the page) and it stops trying.
 * This is the only file that knows the server's URLs.
 */
import type { StudioApi, StudioError, StudioEvent, StudioMethodName, StudioMethods, WireMessage } from '@contract/studio-api';
import { STUDIO_STOPPED_MESSAGE } from '../format/studio-stopped';

/** The part of the browser's WebSocket this client uses (a fake one in tests). */
export interface StudioSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface WebSocketStudioOptions {
  /** ws(s)://host/api */
  socketUrl: string;
  /** Sent as the WebSocket subprotocol `folio.token.<token>` ("" when the server needs none). */
  token: string;
  /** @default (url, protocols) => new WebSocket(url, protocols) */
  openSocket?: (url: string, protocols: string[]) => StudioSocket;
  /** Pause before reconnect attempt n (0-based), in ms. @default 500 ms doubling up to 10 s */
  reconnectDelay?: (attempt: number) => number;
}

/** The server answers with this subprotocol; the token travels as a second one (a browser cannot set headers on a WebSocket). */
const STUDIO_PROTOCOLS = (token: string): string[] => (token ? ['folio.studio', `folio.token.${token}`] : ['folio.studio']);

const OPEN = 1;

/** Reconnects that fail in a row (0.5 + 1 + 2 s of pauses by default) before the studio is taken to have stopped. */
const RECONNECTS_BEFORE_STOPPED = 3;
const CONNECTION_LOST: StudioError = { code: 'connection-lost', message: 'The connection to the studio was lost. Try again in a moment.' };
const STUDIO_STOPPED: StudioError = { code: 'studio-stopped', message: STUDIO_STOPPED_MESSAGE };

/** The error a rejected call carries: a StudioError that is also an Error (for stack-free display). */
export class StudioCallError extends Error implements StudioError {
  readonly code: string;
  readonly detail?: string;
  constructor(error: StudioError) {
    super(error.message);
    this.name = 'StudioCallError';
    this.code = error.code;
    if (error.detail !== undefined) this.detail = error.detail;
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: StudioCallError) => void;
}

export function createWebSocketStudio(options: WebSocketStudioOptions): StudioApi & { close(): void } {
  const openSocket = options.openSocket ?? ((url: string, protocols: string[]) => new WebSocket(url, protocols) as unknown as StudioSocket);
  const reconnectDelay = options.reconnectDelay ?? ((attempt: number) => Math.min(10_000, 500 * 2 ** attempt));
  const listeners = new Set<(event: StudioEvent) => void>();
  const pending = new Map<number, Pending>();
  let waitingToSend: string[] = [];
  let nextId = 1;
  // Where pictures load from: the server says so first on every connection, before any answer
  // that could name a picture.
  let picturesPath = '';
  let attempt = 0;
  let closed = false;
  // Whether this page was ever connected, whether the socket now open(ing) has opened, and how
  // many reconnects in a row failed.
  let everOpened = false;
  let opened = false;
  let failedReconnects = 0;
  let socket = connect();

  function connect(): StudioSocket {
    const next = openSocket(options.socketUrl, STUDIO_PROTOCOLS(options.token));
    opened = false;
    next.onopen = () => {
      attempt = failedReconnects = 0;
      everOpened = opened = true;
      const queued = waitingToSend;
      waitingToSend = [];
      for (const data of queued) next.send(data);
    };
    next.onmessage = (event) => receive(event.data);
    next.onclose = () => dropped(next);
    next.onerror = () => undefined; // onclose follows and does the work
    return next;
  }

  function dropped(which: StudioSocket): void {
    if (which !== socket) return;
    // A dropped connection that cannot be opened again means the studio stopped: a studio started
    // again has a new token (and mostly a new address), so this page can never reach it.
    if (everOpened && !opened) failedReconnects++;
    const stopped = failedReconnects >= RECONNECTS_BEFORE_STOPPED;
    const lost = new StudioCallError(stopped ? STUDIO_STOPPED : CONNECTION_LOST);
    for (const call of pending.values()) call.reject(lost);
    pending.clear();
    waitingToSend = [];
    if (stopped) {
      closed = true;
      for (const listener of listeners) listener({ type: 'studio-stopped' });
    }
    if (closed) return;
    setTimeout(() => {
      if (!closed) socket = connect();
    }, reconnectDelay(attempt++));
  }

  function receive(data: unknown): void {
    let message: WireMessage;
    try {
      message = JSON.parse(String(data)) as WireMessage;
    } catch {
      return;
    }
    if (message.type === 'session') {
      picturesPath = typeof message.picturesPath === 'string' ? message.picturesPath : '';
      return;
    }
    if (message.type === 'event') {
      for (const listener of listeners) listener(message.event);
      return;
    }
    if (message.type !== 'response') return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.result);
    else call.reject(new StudioCallError(asStudioError(message.error)));
  }

  function request(method: StudioMethodName, params: unknown): Promise<unknown> {
    const id = nextId++;
    const data = JSON.stringify({ type: 'request', id, method, params } satisfies WireMessage);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (socket.readyState === OPEN) socket.send(data);
      else waitingToSend.push(data);
    });
  }

  /** One typed method that sends its request over the socket. */
  const call = <M extends StudioMethodName>(method: M) => ((params?: unknown) => request(method, params)) as StudioMethods[M];
  const picture = (path: string) => `${picturesPath}${path}`;

  return {
    capabilities: call('capabilities'),
    modelSetup: call('modelSetup'),
    modelStatus: call('modelStatus'),
    checkModelFiles: call('checkModelFiles'),
    loadModel: call('loadModel'),
    cancelModelLoad: call('cancelModelLoad'),
    downloadModel: call('downloadModel'),
    openWorkspace: call('openWorkspace'),
    saveDocument: call('saveDocument'),
    newProject: call('newProject'),
    openProject: call('openProject'),
    saveProjectAs: call('saveProjectAs'),
    importArticle: call('importArticle'),
    importImage: call('importImage'),
    readMarkdown: call('readMarkdown'),
    exportArticle: call('exportArticle'),
    compose: call('compose'),
    editParagraph: call('editParagraph'),
    figureAction: call('figureAction'),
    ask: call('ask'),
    libraryState: call('libraryState'),
    indexLibrary: call('indexLibrary'),
    searchLibrary: call('searchLibrary'),
    removeLibraryFolder: call('removeLibraryFolder'),
    setBackgroundCaptions: call('setBackgroundCaptions'),
    evaluateModel: call('evaluateModel'),
    convertModel: call('convertModel'),
    cancelJob: call('cancelJob'),
    pickPath: call('pickPath'),
    listFolder: call('listFolder'),
    createFolder: call('createFolder'),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    assetUrl: (assetId) => picture(`/assets/${encodeURIComponent(assetId)}`),
    assetThumbnailUrl: (assetId) => picture(`/assets/${encodeURIComponent(assetId)}/thumbnail`),
    libraryThumbnailUrl: (id) => picture(`/library/thumbnails/${id}`),
    close() {
      closed = true;
      socket.close();
    },
  };
}

function asStudioError(value: unknown): StudioError {
  const error = (value ?? {}) as Partial<StudioError>;
  return {
    code: typeof error.code === 'string' ? error.code : 'unknown-error',
    message: typeof error.message === 'string' && error.message ? error.message : 'The studio could not do that.',
    ...(typeof error.detail === 'string' ? { detail: error.detail } : {}),
  };
}

/**
 * The page's token: opened as `/#token=…` (a fragment never reaches a server, a log or a
 * Referer), kept in sessionStorage so a reload still connects, and taken out of the address bar
 * at once. `?token=` links of older versions are read the same way.
 */
export function browserStudioOptions(
  location: Location,
  storage: Storage,
  history: Pick<History, 'replaceState' | 'state'>,
): WebSocketStudioOptions {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(location.search);
  const fromUrl = fragment.get('token') ?? query.get('token');
  if (fromUrl) {
    storage.setItem('folio.token', fromUrl);
    fragment.delete('token');
    query.delete('token');
    const search = String(query) ? `?${query}` : '';
    const hash = String(fragment) ? `#${fragment}` : '';
    history.replaceState(history.state, '', `${location.pathname}${search}${hash}`);
  }
  const token = fromUrl ?? storage.getItem('folio.token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return { socketUrl: `${scheme}://${location.host}/api`, token };
}
