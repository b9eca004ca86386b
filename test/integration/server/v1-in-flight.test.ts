/**
 * Cause 6 of issue 24 for the OpenAI-compatible endpoints: what /v1 connections may leave
 * unanswered, in all. Without a bound any number of connections could each hold a 64 MB body
 * while the model answered one. Here the bound is lowered to 1 MB and 3 requests; a request
 * whose body is still coming counts from its headers. The moment it is counted is known, not
 * guessed: it asks `Expect: 100-continue`, and the server says "100 Continue" as it admits it.
 * Through the real server with the tiny model loaded.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import type { ModelSession } from '../../../electron/studio/model/model-session';
import { openTinySession } from '../../helpers/tiny-session';

let session: ModelSession;
let server: RunningStudioServer;
beforeAll(async () => {
  session = await openTinySession();
  server = await startStudioServer({ session, v1InFlight: { bytes: 1_000_000, requests: 3 } });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await session?.close();
});

const body = (bytes: number): string => {
  const question = JSON.stringify({ messages: [{ role: 'user', content: '' }], max_tokens: 1 });
  return question.replace('"content":""', `"content":"${'a'.repeat(bytes - question.length)}"`);
};

/** Headers of a chat completion declaring `bytes` of body, sent without the body; resolves once the server says 100 Continue. */
async function heldRequest(bytes: number): Promise<Socket> {
  const socket = connect(server.port, '127.0.0.1');
  socket.write(
    `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${bytes}\r\nExpect: 100-continue\r\n\r\n`,
  );
  let received = '';
  await new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.startsWith('HTTP/1.1 100')) resolve();
      else if (received.includes('\r\n\r\n')) reject(new Error(`not admitted: ${received.split('\r\n')[0]}`));
    });
    socket.on('error', reject);
  });
  return socket;
}

/** Sends a held request's body and waits for its answer: answered, it no longer counts (the server releases it as the answer ends). */
async function finish(socket: Socket, bytes: number): Promise<string> {
  let received = '';
  const answered = new Promise<string>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const final = received.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
      const status = /^HTTP\/1\.1 (\d+)/.exec(final);
      const length = /content-length: (\d+)/i.exec(final);
      const headersEnd = final.indexOf('\r\n\r\n');
      if (status && length && headersEnd >= 0 && final.length >= headersEnd + 4 + Number(length[1])) resolve(status[1] as string);
    });
  });
  socket.write(body(bytes));
  const status = await answered;
  socket.destroy();
  return status;
}

async function ask(bytes: number): Promise<{ status: number; error?: { type: string; message: string; detail?: string } }> {
  const response = await fetch(`${server.baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: body(bytes),
  });
  const answer = (await response.json()) as { error?: { type: string; message: string; detail?: string } };
  return { status: response.status, ...(answer.error ? { error: answer.error } : {}) };
}

it('refuses a request over the bytes in flight at once, and answers again when they are gone', async () => {
  const held = await heldRequest(600_000);
  const refused = await ask(500_000);
  expect(refused.status).toBe(429);
  expect(refused.error).toMatchObject({
    type: 'server_busy',
    message: 'The studio is still busy with earlier requests. Try again when they finish.',
  });
  expect(refused.error?.detail).toMatch(/^all \/v1 connections have 1 requests \(0\.6 MB\) unanswered; at most 3 \(1\.0 MB\)$/);
  // A small one fits beside the held one.
  expect((await ask(200)).status).toBe(200);
  expect(await finish(held, 600_000)).toBe('400');
  // Admitted now (and refused by the model's own check: half a megabyte of question is longer than its context).
  expect(await ask(500_000)).toMatchObject({ status: 400, error: { type: 'invalid_request_error' } });
  expect((await ask(200)).status).toBe(200);
}, 120_000);

it('refuses the request past the count in flight', async () => {
  const held = [await heldRequest(1_000), await heldRequest(1_000), await heldRequest(1_000)];
  expect((await ask(200)).status).toBe(429);
  for (const socket of held) expect(await finish(socket, 1_000)).toMatch(/^(200|400)$/);
  expect((await ask(200)).status).toBe(200);
}, 120_000);
