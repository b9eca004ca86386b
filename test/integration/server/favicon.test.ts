/**
 * The served editor's favicon: the built page (npm run build:renderer) links the app icon, and
 * the real server answers that link with the PNG under the page's CSP (img-src 'self').
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RENDERER_DIR } from '../../../electron/server/static-files';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { StudioService } from '../../../electron/studio/service/studio-service';

let service: StudioService;
let server: RunningStudioServer;

beforeAll(async () => {
  if (!existsSync(path.join(DEFAULT_RENDERER_DIR, 'index.html')))
    throw new Error('The editor is not built: run npm run build:renderer first.');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-favicon-'));
  service = await StudioService.create({ dataDir, shell: 'browser', loadConfiguredModel: false, modelsDir: path.join(dataDir, 'models') });
  server = await startStudioServer({ service });
});
afterAll(async () => {
  await server.close();
  await service.close();
});

describe('the served page’s favicon', () => {
  it('is the app icon, linked from the page and served as a PNG the page’s CSP allows', async () => {
    const page = await (await fetch(`${server.baseUrl}/`)).text();
    const links = [...page.matchAll(/<link rel="icon" type="image\/png" sizes="(\d+)x\1" href="([^"]+)"/g)].map(([, size, href]) => ({
      size: Number(size),
      href: href ?? '',
    }));
    expect(links.map((link) => link.size)).toEqual([32, 256]);
    expect(page).toMatch(/img-src 'self'/);
    for (const { size, href } of links) {
      const answer = await fetch(new URL(href, `${server.baseUrl}/`));
      expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'image/png']);
      const served = Buffer.from(await answer.arrayBuffer());
      expect(served.equals(readFileSync(`assets/icons/${size}x${size}.png`))).toBe(true);
    }
  });
});
