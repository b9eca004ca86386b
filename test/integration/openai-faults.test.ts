/**
 * The openai-compatible engine against a scripted server on 127.0.0.1: retries on 429 and 5xx,
 * and a clear error for a refused connection, a bad key, an unknown model, a stream that stalls,
 * a malformed stream, a server that dies mid-answer, and a JSON answer that breaks its schema.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAICompatibleEngine } from '../../native-models/engines/openai-compatible/openai-compatible-engine';
import type { CompletionRequest } from '../../native-models/engines/engine';

type Handler = (request: IncomingMessage, response: ServerResponse, body: Record<string, unknown>) => void;
let server: Server | null = null;
const requests: Array<Record<string, unknown>> = [];

async function serve(chat: Handler[]): Promise<string> {
  let call = 0;
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      if (request.url?.endsWith('/models')) {
        if (request.headers.authorization !== 'Bearer right-key') {
          response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"invalid api key"}}');
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[{"id":"xcomposer2"}]}');
        return;
      }
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push(body);
      const handler = chat[Math.min(call++, chat.length - 1)] as Handler;
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

const sse = (response: ServerResponse) => response.writeHead(200, { 'content-type': 'text/event-stream' });
const piece = (text: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ choices: [{ delta: { content: text }, finish_reason: finish }] })}\n\n`;
const answer =
  (...texts: string[]): Handler =>
  (_request, response) => {
    sse(response);
    texts.forEach((text, index) => response.write(piece(text, index === texts.length - 1 ? 'stop' : null)));
    response.end('data: [DONE]\n\n');
  };
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(code, { 'content-type': 'application/json', ...headers }).end(`{"error":{"message":"status ${code}"}}`);
  };

const REQUEST: CompletionRequest = { prompt: [{ type: 'text', text: 'hello' }], maxTokens: 20 };

async function engineFor(baseUrl: string, options: { stallMs?: number; key?: string; model?: string } = {}) {
  const engine = new OpenAICompatibleEngine({ stallMs: options.stallMs ?? 5_000, sleep: async () => {} });
  await engine.load({
    decoderPath: 'xcomposer2',
    server: { baseUrl, apiKey: options.key ?? 'right-key', model: options.model ?? 'xcomposer2' },
  });
  return engine;
}

afterEach(async () => {
  requests.length = 0;
  const running = server;
  server = null;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

describe('openai-compatible engine faults', () => {
  it('retries 5xx and 429 answers, then streams', async () => {
    const engine = await engineFor(await serve([status(500), status(429, { 'retry-after': '0' }), answer('Hel', 'lo')]));
    const pieces: string[] = [];
    const result = await engine.complete(REQUEST, { onToken: (text) => pieces.push(text) });
    expect(result.text).toBe('Hello');
    expect(pieces.join('')).toBe('Hello');
    expect(requests).toHaveLength(3);
  });

  it('gives up after a bounded number of retries with a clear error', async () => {
    const engine = await engineFor(await serve([status(503)]));
    await expect(engine.complete(REQUEST)).rejects.toMatchObject({
      code: 'engine-failed',
      message: expect.stringMatching(/failed \(HTTP 503\)/),
    });
    expect(requests).toHaveLength(4);
  });

  it('says so when nothing listens at the address', async () => {
    const closed = await serve([answer('x')]);
    await new Promise((resolve) => server?.close(resolve));
    server = null;
    const engine = new OpenAICompatibleEngine({ sleep: async () => {} });
    await expect(engine.load({ decoderPath: 'x', server: { baseUrl: closed, model: 'x' } })).rejects.toMatchObject({
      message: expect.stringMatching(/cannot reach the server/),
    });
  });

  it('says so when the key is wrong or the model unknown', async () => {
    const baseUrl = await serve([answer('x')]);
    await expect(engineFor(baseUrl, { key: 'wrong' })).rejects.toMatchObject({ message: expect.stringMatching(/refused the API key/) });
    await expect(engineFor(baseUrl, { model: 'llava' })).rejects.toMatchObject({
      message: expect.stringMatching(/does not know the model "llava"/),
    });
  });

  it('fails a stream that stalls, instead of waiting for ever', async () => {
    const engine = await engineFor(
      await serve([
        (_request, response) => {
          sse(response);
          response.write(piece('Hel'));
        },
      ]),
      { stallMs: 300 },
    );
    const started = performance.now();
    await expect(engine.complete(REQUEST)).rejects.toMatchObject({ message: expect.stringMatching(/stopped sending the answer/) });
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('fails a malformed stream', async () => {
    const engine = await engineFor(
      await serve([
        (_request, response) => {
          sse(response);
          response.end('data: {"choices": [ not json\n\n');
        },
      ]),
    );
    await expect(engine.complete(REQUEST)).rejects.toMatchObject({ message: expect.stringMatching(/malformed answer stream/) });
  });

  it('fails, and does not pass off half an answer, when the server dies mid-answer', async () => {
    const engine = await engineFor(
      await serve([
        (request, response) => {
          sse(response);
          response.write(piece('Half an'));
          setTimeout(() => request.socket.destroy(), 20);
        },
      ]),
    );
    await expect(engine.complete(REQUEST)).rejects.toMatchObject({
      code: 'engine-failed',
      message: expect.stringMatching(/broke while answering|before it was finished/),
    });
  });

  it('asks again, a bounded number of times, when the JSON breaks its schema', async () => {
    const engine = await engineFor(await serve([answer('{"figures": "oops"}'), answer('{"figures": [1, 2]}')]));
    const schema = { type: 'object', properties: { figures: { type: 'array', items: { type: 'integer' } } }, required: ['figures'] };
    const result = await engine.complete({ ...REQUEST, constraint: { type: 'json-schema', schema } });
    expect(JSON.parse(result.text)).toEqual({ figures: [1, 2] });
    expect(requests).toHaveLength(2);
    expect(requests[0]?.response_format).toMatchObject({ type: 'json_schema' });
  });

  it('sends images as data URLs in image_url parts', async () => {
    const engine = await engineFor(await serve([answer('a picture')]));
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await engine.complete({ prompt: [], chat: { turns: [{ role: 'user', content: ['What is this?', { bytes: png }] }] }, maxTokens: 5 });
    const [message] = requests[0]?.messages as Array<{ content: Array<{ type: string; image_url?: { url: string } }> }>;
    expect(message?.content[1]?.image_url?.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });
});
