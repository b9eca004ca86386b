/**
 * Cause 6 of issue 24 through the real server: how many Studio API requests, and how many bytes
 * of them, a window (one WebSocket) and all windows together may leave unanswered. Each burst is
 * written in one TCP write, so the server reads it whole before any request can be answered: the
 * counts are exact, whatever the machine's speed. A refused request gets a typed 'busy' reply at
 * once, and the server answers the next request and GET / as before.
 */
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { startBareStudioServer, type BareStudioServer } from '../../helpers/bare-studio-server';
import { encodeFrame, openRawSocket, readFrames, type RawConnection } from '../../helpers/raw-websocket';

let bare: BareStudioServer | undefined;
afterEach(async () => {
  await bare?.close();
  bare = undefined;
});

interface Reply {
  id: number;
  ok: boolean;
  error?: { code: string; message: string; detail?: string };
}

/** A listFolder request (it reads the disk, so no answer comes before the burst is read); `pad` makes it larger. */
function listing(id: number, pad = 0): Buffer {
  const path = pad ? `${os.homedir()}/${'x'.repeat(pad)}` : os.homedir();
  const payload = Buffer.from(JSON.stringify({ type: 'request', id, method: 'listFolder', params: { path, purpose: 'library-folder' } }));
  return encodeFrame({ opcode: 1, payload });
}

function replies(connection: RawConnection): Reply[] {
  return readFrames(connection.received())
    .filter((frame) => frame.opcode === 1)
    .map((frame) => JSON.parse(frame.payload.toString('utf8')) as { type: string } & Reply)
    .filter((message) => message.type === 'response');
}

async function repliesFor(connection: RawConnection, count: number): Promise<Reply[]> {
  while (replies(connection).length < count) await new Promise((resolve) => setTimeout(resolve, 20));
  return replies(connection).sort((a, b) => a.id - b.id);
}

const busyIds = (all: Reply[]): number[] => all.filter((reply) => reply.error?.code === 'busy').map((reply) => reply.id);

async function open(server: BareStudioServer): Promise<RawConnection> {
  return openRawSocket(server.server.baseUrl, server.server.token);
}

describe('requests in flight', () => {
  it('answers 32 requests a window sends at once and refuses the rest as busy, then answers again', async () => {
    bare = await startBareStudioServer();
    const connection = await open(bare);
    connection.send(Buffer.concat(Array.from({ length: 40 }, (_, index) => listing(index + 1))));
    const burst = await repliesFor(connection, 40);
    expect(busyIds(burst)).toEqual([33, 34, 35, 36, 37, 38, 39, 40]);
    expect(burst.find((reply) => reply.error?.code === 'busy')?.error).toMatchObject({
      message: 'The studio is still busy with earlier requests. Try again when they finish.',
      detail: expect.stringMatching(/at most 32 /),
    });
    expect(burst.filter((reply) => reply.id <= 32).every((reply) => reply.ok)).toBe(true);
    connection.send(listing(41));
    expect((await repliesFor(connection, 41)).at(-1)).toMatchObject({ id: 41, ok: true });
    expect((await fetch(bare.server.baseUrl)).status).toBe(200);
    connection.socket.destroy();
  });

  it("bounds a window's bytes in flight", async () => {
    bare = await startBareStudioServer({ bytesPerClient: 3000 });
    const connection = await open(bare);
    // Each frame is about 900 bytes: three fit in 3,000, the fourth and fifth do not.
    connection.send(Buffer.concat(Array.from({ length: 5 }, (_, index) => listing(index + 1, 800))));
    const burst = await repliesFor(connection, 5);
    expect(busyIds(burst)).toEqual([4, 5]);
    expect(burst[3]?.error?.detail).toMatch(/this window has 3 requests \(0\.0 MB\) unanswered/);
    connection.socket.destroy();
  });

  it('bounds all windows together, so one window cannot take every place', async () => {
    bare = await startBareStudioServer({ requestsPerClient: 4, requests: 6 });
    const [first, second] = [await open(bare), await open(bare)] as [RawConnection, RawConnection];
    const burst = (from: number) => Buffer.concat(Array.from({ length: 4 }, (_, index) => listing(from + index)));
    first.send(burst(1));
    second.send(burst(11));
    expect(busyIds(await repliesFor(first, 4))).toEqual([]);
    const secondReplies = await repliesFor(second, 4);
    expect(busyIds(secondReplies)).toEqual([13, 14]);
    expect(secondReplies[2]?.error?.detail).toMatch(/all windows have 6 requests .* at most 6 /);
    // Answered requests give their places back.
    second.send(listing(15));
    expect((await repliesFor(second, 5)).at(-1)).toMatchObject({ id: 15, ok: true });
    for (const connection of [first, second]) connection.socket.destroy();
  });
});
