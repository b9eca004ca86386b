/**
 * The built editor's files go out with the same content type from the server (a browser tab)
 * and from the desktop app's app:// scheme: one table (electron/contract/renderer-file-types.ts).
 * Before it, the server sent a .jpg, .webp, .mjs, .woff or .wasm as bytes that the app typed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveRendererFile } from '../../../electron/app/renderer-files';
import { startBareStudioServer, type BareStudioServer } from '../../helpers/bare-studio-server';

const FILES = [
  'page.html',
  'app.mjs',
  'style.css',
  'data.json',
  'icon.svg',
  'a.png',
  'b.JPG',
  'c.webp',
  'f.ico',
  'g.woff2',
  'h.woff',
  'm.wasm',
  'notes.txt',
];

let bare: BareStudioServer;
beforeAll(async () => {
  bare = await startBareStudioServer();
  for (const name of FILES) writeFileSync(path.join(bare.rendererDir, name), 'x');
});
afterAll(() => bare.close());

describe('the renderer’s file types', () => {
  it('are the same from the server and from the app', async () => {
    const fromServer: Record<string, string | null> = {};
    const fromApp: Record<string, string | null> = {};
    for (const name of FILES) {
      fromServer[name] = (await fetch(`${bare.server.baseUrl}/${name}`)).headers.get('content-type');
      fromApp[name] = (await serveRendererFile(bare.rendererDir, `app://folio/${name}`)).headers.get('content-type');
    }
    expect(fromServer).toEqual(fromApp);
    expect(fromServer).toMatchObject({
      'b.JPG': 'image/jpeg',
      'app.mjs': 'text/javascript; charset=utf-8',
      'notes.txt': 'application/octet-stream',
    });
  });
});
