/** A Studio API client over the server's WebSocket, for tests (the renderer has its own). */
import WebSocket from 'ws';
import type {
  StudioError,
  StudioEvent,
  StudioMethodName,
  StudioMethods,
  StudioParams,
  StudioResult,
  WireMessage,
} from '../../electron/contract/studio-api';

export interface TestStudioClient {
  call<M extends StudioMethodName>(method: M, ...params: Parameters<StudioMethods[M]>): Promise<StudioResult<M>>;
  /** Sends anything, for malformed-request tests. */
  raw(method: string, params: unknown): Promise<unknown>;
  /** Sends a request written as text (for JSON too deep to build as a value); `write` gets its id. */
  rawText(write: (id: number) => string): Promise<unknown>;
  events: StudioEvent[];
  /** Where this connection may load pictures without the token (`/pictures/<key>`). */
  picturesPath(): string;
  close(): void;
}

export class StudioCallError extends Error {
  constructor(readonly payload: StudioError) {
    super(`${payload.code}: ${payload.message}`);
  }
}

export function connectStudio(
  baseUrl: string,
  token: string,
  headers: Record<string, string> = { origin: baseUrl },
): Promise<TestStudioClient> {
  // As the browser does: the token as a second subprotocol, beside the one the server answers with.
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api`, ['folio.studio', `folio.token.${token}`], {
    headers,
    maxPayload: 64 * 1024 * 1024,
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const events: StudioEvent[] = [];
  let next = 1;
  let picturesPath = '';
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as WireMessage;
    if (message.type === 'event') return void events.push(message.event);
    if (message.type === 'session') return void (picturesPath = message.picturesPath);
    if (message.type !== 'response') return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.result);
    else waiter?.reject(new StudioCallError(message.error));
  });
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('socket closed'));
    pending.clear();
  });
  const rawText = (write: (id: number) => string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      socket.send(write(id));
    });
  const raw = (method: string, params: unknown): Promise<unknown> =>
    rawText((id) => JSON.stringify({ type: 'request', id, method, params }));
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused: ${response.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        call: (method, ...params) => raw(method, (params[0] as StudioParams<typeof method>) ?? null) as never,
        raw,
        rawText,
        events,
        picturesPath: () => picturesPath,
        close: () => socket.close(),
      }),
    );
  });
}
