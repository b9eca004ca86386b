/**
 * The studio as an OpenAI-compatible server, on loopback with the tiny models: the official
 * `openai` client against it (streaming, an image, a JSON schema), our own adapter against it
 * through the whole compose pipeline, and the guard: token, Host and Origin.
 */
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Ajv } from 'ajv';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeArticle } from '../../../electron/studio/compose/compose-article';
import { draftToDocument } from '../../../electron/studio/compose/draft-to-document';
import { ModelSession } from '../../../electron/studio/model/model-session';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { generatedCandidates, memoryLibrary } from '../../helpers/memory-library';
import { testPicture } from '../../fixtures/png';
import { truncatedJpeg } from '../../fixtures/images';
import { forkHostTransport } from '../../../native-models/host/fork-transport';
import type { HostTransport } from '../../../native-models/host/protocol';
import { openTinySession } from '../../helpers/tiny-session';

let session: ModelSession;
let server: RunningStudioServer;
let client: OpenAI;
/** Model host exits that were not asked for (a crash ends every pending answer). */
const crashes: string[] = [];

function watchedHost(): HostTransport {
  const transport = forkHostTransport();
  let stopping = false;
  const kill = transport.kill.bind(transport);
  transport.kill = () => {
    stopping = true;
    kill();
  };
  transport.onExit((exit) => stopping || crashes.push(`${exit.signal ?? exit.code}`));
  return transport;
}

beforeAll(async () => {
  session = await openTinySession({ startHost: () => watchedHost() });
  server = await startStudioServer({ session });
  client = new OpenAI({ baseURL: `${server.baseUrl}/v1`, apiKey: server.token, maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
  await session.close();
});

function rawStatus(headers: Record<string, string>, pathname = '/v1/models', upgrade = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port: server.port,
      path: pathname,
      headers: upgrade ? { ...headers, connection: 'Upgrade', upgrade: 'websocket' } : headers,
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('upgrade', () => resolve(101));
    request.on('error', (error) => {
      // An upgrade refused with a bare status line ends the socket; parse it from the error path.
      reject(error);
    });
    request.end();
  });
}

describe('the OpenAI-compatible endpoint', () => {
  it('lists the loaded model', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual([session.info.modelName]);
  });

  it('streams a chat completion to the official client', async () => {
    const stream = await client.chat.completions.create({
      model: session.info.modelName,
      messages: [{ role: 'user', content: 'Say hello.' }],
      stream: true,
      max_tokens: 8,
      seed: 3,
    });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(['stop', 'length']).toContain(finish);
  });

  it('answers about an image sent as an image_url part', async () => {
    const url = `data:image/png;base64,${testPicture(2).toString('base64')}`;
    const answer = await client.chat.completions.create({
      model: session.info.modelName,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url } },
          ],
        },
      ],
      max_tokens: 6,
      seed: 5,
    });
    // The tiny model may end its turn at once; what matters is an answer that saw the image.
    expect(answer.choices[0]?.message.role).toBe('assistant');
    expect(['stop', 'length']).toContain(answer.choices[0]?.finish_reason);
    expect(answer.usage?.prompt_tokens).toBeGreaterThan(10);
  });

  it('refuses a truncated JPEG sent as an image_url part, with a clear 400', async () => {
    const url = `data:image/jpeg;base64,${(await truncatedJpeg()).toString('base64')}`;
    await expect(
      client.chat.completions.create({
        model: session.info.modelName,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url } },
            ],
          },
        ],
        max_tokens: 4,
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/damaged or incomplete/) });
  });

  it('returns JSON that obeys a response_format schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string', maxLength: 12 },
        figures: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 5 }, maxItems: 3 },
      },
      required: ['title', 'figures'],
      additionalProperties: false,
    };
    const obeys = new Ajv({ strict: false }).compile(schema);
    // Seeds 43 and 88 write a character that is not UTF-8 into the title (F8 80 80 80 and the
    // like, one character to llama.cpp's grammar, four U+FFFD once decoded): a 500 'did not
    // answer in the required format' until a run of U+FFFD showed once. The last ask is unseeded.
    for (const seed of [43, 88, undefined]) {
      const answer = await client.chat.completions.create({
        model: session.info.modelName,
        messages: [{ role: 'user', content: 'Plan the figures.' }],
        max_tokens: 150,
        ...(seed === undefined ? {} : { seed }),
        response_format: { type: 'json_schema', json_schema: { name: 'plan', schema, strict: true } },
      });
      const choice = answer.choices[0];
      // An answer the token limit cut comes back as it is, as OpenAI's does.
      if (choice?.finish_reason === 'length') continue;
      expect(choice?.finish_reason).toBe('stop');
      const value: unknown = JSON.parse(choice?.message.content ?? '');
      expect(obeys(value), `seed ${seed}: ${choice?.message.content}`).toBe(true);
    }
  });

  it('refuses a hostile response_format or grammar with a 400 for that request only, and answers the next', async () => {
    const ask = (extra: Record<string, unknown>) =>
      client.chat.completions.create({
        model: session.info.modelName,
        messages: [{ role: 'user', content: 'Hi' }],
        max_tokens: 2,
        ...extra,
      } as never);
    const crashesBefore = crashes.length;
    for (const schema of [{ type: 5 }, { $ref: '#' }, { $ref: '#/$defs/nowhere' }, { type: 'string', pattern: '^(a+)+$' }]) {
      await expect(ask({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } })).rejects.toMatchObject({
        status: 400,
        message: expect.stringMatching(/answer format \(JSON schema\)/),
      });
    }
    await expect(ask({ grammar: `root ::= ${'('.repeat(30_000)}"a"${')'.repeat(30_000)}` })).rejects.toMatchObject({ status: 400 });
    // Passes Folio's checks; llama.cpp refuses it: still a 400, and the model stays up.
    await expect(ask({ grammar: 'root ::= root "a" | "a"' })).rejects.toMatchObject({ status: 400 });
    const next = await ask({});
    expect(next.choices[0]?.finish_reason).toBeDefined();
    expect(crashes.length).toBe(crashesBefore);
  });

  it('refuses 100,000 one-character messages before building a prompt, and answers the next ask', async () => {
    const messages = Array.from({ length: 100_000 }, (_, index) => ({ role: index % 2 ? 'assistant' : 'user', content: 'x' }) as const);
    await expect(client.chat.completions.create({ model: session.info.modelName, messages, max_tokens: 2 })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/at most 2048 messages; this request has 100000/),
    });
    const next = await client.chat.completions
      .create({ model: session.info.modelName, messages: messages.slice(0, 2048), max_tokens: 2 })
      .catch((error: { status?: number; message?: string }) => error);
    // 2,048 messages are read; the tiny model's context may still be too small for them (a 400 that says so).
    if ('choices' in next) expect(next.choices[0]?.finish_reason).toBeDefined();
    else expect(next).toMatchObject({ status: 400, message: expect.not.stringMatching(/at most 2048 messages/) });
  });

  it('embeds text for a remote library search', async () => {
    const result = await client.embeddings.create({ model: session.info.modelName, input: ['a harbour at dawn', 'tax tables'] });
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding).toHaveLength(64);
    expect(result.data[0]?.embedding).not.toEqual(result.data[1]?.embedding);
  });

  it('refuses a request that is not a chat, with a clear 400', async () => {
    await expect(
      client.chat.completions.create({ model: session.info.modelName, messages: [] as never, max_tokens: 4 }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      client.chat.completions.create({
        model: session.info.modelName,
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/x.png' } }] }],
        max_tokens: 4,
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/data URLs/) });
  });

  it('drives the whole compose pipeline through our own adapter', async () => {
    const remote = await ModelSession.open({
      decoderPath: session.info.modelName,
      server: { baseUrl: server.baseUrl, apiKey: server.token, model: session.info.modelName },
      contextSize: 2048,
    });
    try {
      const outcome = await composeArticle(
        remote,
        { outline: '# Tides\n## Morning\n## Evening', library: memoryLibrary(generatedCandidates(8)), figures: 2, writeMaxTokens: 200 },
        { seed: 6 },
      );
      const document = draftToDocument(outcome.draft);
      // The write grammar crossed the wire: the article opens with the outline's first heading.
      expect(document.content[0]).toMatchObject({ type: 'heading', content: [{ text: 'Tides' }] });
      expect(document.content.filter((node) => node.type === 'heading')).toHaveLength(3);
      const figures = document.content.filter((node) => node.type === 'figure');
      expect(figures.length).toBeGreaterThanOrEqual(1);
      for (const figure of figures) expect(figure.type === 'figure' && figure.attrs.assetId && figure.attrs.caption).toBeTruthy();
    } finally {
      await remote.close();
    }
  });
});

describe('the server guard', () => {
  const host = () => `127.0.0.1:${server.port}`;
  it('refuses a request without the token (401)', async () => {
    expect(await rawStatus({ host: host() })).toBe(401);
    expect(await rawStatus({ host: host(), authorization: 'Bearer wrong' })).toBe(401);
    expect(await rawStatus({ host: host(), authorization: `Bearer ${server.token}` })).toBe(200);
  });

  it('refuses a foreign Host or Origin (403), token or not', async () => {
    expect(await rawStatus({ host: 'evil.example', authorization: `Bearer ${server.token}` })).toBe(403);
    expect(await rawStatus({ host: host(), origin: 'http://evil.example', authorization: `Bearer ${server.token}` })).toBe(403);
    expect(await rawStatus({ host: host(), origin: `http://${host()}`, authorization: `Bearer ${server.token}` })).toBe(200);
  });

  it('sends no wildcard CORS header', async () => {
    const response = await fetch(`${server.baseUrl}/v1/models`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('npm run serve', () => {
  const serve = (args: string[]) =>
    spawn(process.execPath, [path.resolve('bin/run-ts.js'), 'electron/server/serve-main.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('prints one URL with a token, on loopback, serving the editor with its demo model ready', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-serve-'));
    const child = serve(['--port', '0', '--data-dir', dataDir]);
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
      const response = await fetch(line);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      // The token stays in the fragment: no cookie that every other port of this host would receive.
      expect(response.headers.get('set-cookie')).toBeNull();
      // The demo model is written into the data folder, for model setup to offer on a machine with no model.
      expect(readdirSync(path.join(dataDir, 'demo-model')).sort()).toEqual(['tiny-internlm2.gguf', 'tiny-internvl-mmproj.gguf']);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('warns when listening beyond loopback', async () => {
    const child = serve(['--port', '0', '--host', '0.0.0.0', '--data-dir', mkdtempSync(path.join(os.tmpdir(), 'folio-serve-'))]);
    try {
      const warning = await new Promise<string>((resolve) => createInterface({ input: child.stderr }).once('line', resolve));
      expect(warning).toMatch(/^warning: listening on 0\.0\.0\.0/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
