/**
 * Requests to an OpenAI-compatible server: bearer key, time limits, and bounded retries with
 * backoff on 429 and 5xx (honouring Retry-After) and on refused connections, all before any
 * answer has streamed. Failures become errors a writer can act on.
 */
import { ModelError } from '../../errors';
import type { RemoteServer } from '../engine';
import { timerDelay } from '../../timer-delay';

export interface HttpOptions {
  timeoutMs?: number;
  retries?: number;
  signal?: AbortSignal;
  /** Waits between retries; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

function apiUrl(server: RemoteServer, route: string): string {
  const base = server.baseUrl.replace(/\/+$/, '');
  return `${base.endsWith('/v1') ? base : `${base}/v1`}${route}`;
}

export async function requestServer(
  server: RemoteServer,
  route: string,
  init: { method: 'GET' | 'POST'; body?: unknown },
  options: HttpOptions = {},
): Promise<Response> {
  const retries = options.retries ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, timerDelay(ms))));
  for (let attempt = 0; ; attempt++) {
    const timeout = AbortSignal.timeout(timerDelay(options.timeoutMs ?? 120_000));
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(apiUrl(server, route), {
        method: init.method,
        headers: {
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(server.apiKey ? { authorization: `Bearer ${server.apiKey}` } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (timeout.aborted) throw new ModelError('engine-failed', `The server at ${server.baseUrl} did not answer in time.`, String(error));
      if (attempt < retries) {
        await sleep(backoff(attempt));
        continue;
      }
      throw new ModelError(
        'engine-failed',
        `Folio cannot reach the server at ${server.baseUrl}. Check the address and that the server is running.`,
        String(error),
      );
    }
    if (response.ok) return response;
    const retryable = response.status === 429 || response.status >= 500;
    if (retryable && attempt < retries) {
      await response.body?.cancel();
      await sleep(retryAfter(response) ?? backoff(attempt));
      continue;
    }
    throw await statusError(server, response);
  }
}

function backoff(attempt: number): number {
  return Math.min(8_000, 500 * 2 ** attempt);
}

function retryAfter(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) ? timerDelay(Math.min(30_000, seconds * 1000)) : null;
}

async function statusError(server: RemoteServer, response: Response): Promise<ModelError> {
  const text = await response.text().catch(() => '');
  let message = text;
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    message = (typeof body.error === 'string' ? body.error : body.error?.message) ?? body.message ?? text;
  } catch {
    // not JSON
  }
  if (response.status === 401 || response.status === 403) {
    return new ModelError(
      'engine-failed',
      `The server at ${server.baseUrl} refused the API key. Check the key in the model settings.`,
      `${response.status}: ${message}`,
    );
  }
  if (response.status === 404 && /model/i.test(message)) {
    return new ModelError(
      'engine-failed',
      `The server at ${server.baseUrl} does not know the model "${server.model}".`,
      `${response.status}: ${message}`,
    );
  }
  if (/context|too long|maximum.*tokens/i.test(message) && response.status === 400) {
    return new ModelError(
      'prompt-too-long',
      /too long for the model/.test(message)
        ? message
        : `This request is too long for the model on ${server.baseUrl}. Shorten the text or use fewer images.`,
      message,
    );
  }
  if (response.status === 400) return new ModelError('invalid-request', `The server refused the request: ${message}`, message);
  return new ModelError(
    'engine-failed',
    `The server at ${server.baseUrl} failed (HTTP ${response.status}): ${message.slice(0, 200)}`,
    message,
  );
}
