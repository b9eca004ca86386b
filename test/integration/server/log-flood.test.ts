/**
 * Issue 24, cause 6: a flood of refused frames grew the server's stderr by 178 KB/s, one stack
 * line per frame. Through `npm run serve`'s server in its own process: 300 connections each send
 * a frame a client must never send; stderr gets a few lines of it and one line summing up the rest.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeFrame, openRawSocket } from '../../helpers/raw-websocket';
import { serveStudio, type ServedStudio } from '../../helpers/served-studio';

let served: ServedStudio;
beforeAll(async () => {
  served = await serveStudio();
}, 60_000);
afterAll(() => served?.close());

const linesAbout = (pattern: RegExp): string[] =>
  served
    .stderr()
    .split('\n')
    .filter((line) => pattern.test(line));

it('writes a few lines of a flood of bad frames and sums up the rest', async () => {
  const unmasked = encodeFrame({ opcode: 1, payload: Buffer.from('{"type":"request"}'), masked: false });
  for (let batch = 0; batch < 15; batch++) {
    const connections = await Promise.all(Array.from({ length: 20 }, () => openRawSocket(served.baseUrl, served.token)));
    for (const connection of connections) connection.send(unmasked);
    await Promise.all(connections.map((connection) => connection.closed));
  }
  expect(linesAbout(/bad frame/).length).toBeLessThanOrEqual(5);
  // The window's end sums up what was held back, even though the flood has stopped.
  const deadline = Date.now() + 20_000;
  while (linesAbout(/more like this/).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  expect(linesAbout(/bad frame.*\d+ more like this/)).toHaveLength(1);
  expect((await fetch(`${served.baseUrl}/`)).status).toBeLessThan(500);
}, 120_000);
