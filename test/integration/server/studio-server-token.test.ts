/**
 * Where the served studio's token may travel, through the real server: never a cookie (every
 * port of a host shares them), never the query string, never a Referer; pictures open with a
 * key that opens nothing else; the editor's source map only in development.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { testPicture } from '../../fixtures/png';
import { startBareStudioServer, type BareStudioServer } from '../../helpers/bare-studio-server';
import { connectStudio } from '../../helpers/studio-client';

let bare: BareStudioServer;
let server: RunningStudioServer;

beforeAll(async () => {
  bare = await startBareStudioServer();
  server = bare.server;
});
afterAll(() => bare.close());

describe('the token stays out of cookies, addresses and Referers', () => {
  it('is printed in the fragment, which the browser never sends', () => {
    expect(server.url).toBe(`${server.baseUrl}/#token=${server.token}`);
  });

  it('the editor’s own files load without it, set no cookie, and send no Referer', async () => {
    const page = await fetch(`${server.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const refused = await fetch(`${server.baseUrl}/api/info`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('is accepted in a header or a WebSocket subprotocol, no longer in the query string or a cookie', async () => {
    expect((await fetch(`${server.baseUrl}/api/info`, { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/api/info?token=${server.token}`)).status).toBe(401);
    expect((await fetch(`${server.baseUrl}/api/info`, { headers: { cookie: `folio_token_${server.port}=${server.token}` } })).status).toBe(
      401,
    );
    const byQuery = new WebSocket(`${server.baseUrl.replace(/^http/, 'ws')}/api?token=${server.token}`, {
      headers: { origin: server.baseUrl },
    });
    const status = await new Promise((resolve) =>
      byQuery.once('unexpected-response', (_request, response) => resolve(response.statusCode)),
    );
    expect(status).toBe(401);
    await expect(connectStudio(server.baseUrl, 'wrong')).rejects.toThrow(/401/);
  });

  it('pictures open with the page’s key, which opens nothing else', async () => {
    const studio = await connectStudio(server.baseUrl, server.token);
    try {
      const picture = await studio.call('importImage', { fileName: 'a.png', dataBase64: testPicture(3, 48).toString('base64') });
      const picturesPath = studio.picturesPath();
      expect(picturesPath).toMatch(/^\/pictures\/[0-9a-f]{32}$/);
      expect(picturesPath).not.toContain(server.token);
      const shown = await fetch(`${server.baseUrl}${picturesPath}/assets/${picture.assetId}`);
      expect([shown.status, shown.headers.get('content-type'), shown.headers.get('referrer-policy')]).toEqual([
        200,
        'image/png',
        'no-referrer',
      ]);
      expect((await fetch(`${server.baseUrl}${picturesPath}/assets/${picture.assetId}/thumbnail`)).status).toBe(200);
      expect((await fetch(`${server.baseUrl}/pictures/${'0'.repeat(32)}/assets/${picture.assetId}`)).status).toBe(401);
      expect((await fetch(`${server.baseUrl}${picturesPath}/api/info`)).status).toBe(401);
      expect((await fetch(`${server.baseUrl}/assets/${picture.assetId}`)).status).toBe(401);
    } finally {
      studio.close();
    }
  });
});

describe('the editor’s source map', () => {
  it('is not served unless the server runs for development', async () => {
    expect((await fetch(`${server.baseUrl}/app.js`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/app.js.map`)).status).toBe(401);
    expect((await fetch(`${server.baseUrl}/app.js.map`, { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(404);
    const development = await startStudioServer({ service: bare.service, rendererDir: bare.rendererDir, sourceMaps: true });
    try {
      expect((await fetch(`${development.baseUrl}/app.js.map`)).status).toBe(200);
    } finally {
      await development.close();
    }
  });
});
