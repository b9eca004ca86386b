import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, isWebLink, originOf } from '../../../electron/app/app-origin';
import { isPermissionAllowed } from '../../../electron/app/allowed-permissions';
import { rendererFileFor, serveRendererFile } from '../../../electron/app/renderer-files';
import { serveStudioMedia } from '../../../electron/app/studio-media';

const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'folio-renderer-'));
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Folio</title>');
mkdirSync(path.join(rendererDir, 'assets'));
writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'not for the page');

describe('app://folio/', () => {
  it('serves the renderer with its type and the content security policy', async () => {
    const page = await serveRendererFile(rendererDir, 'app://folio/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("img-src 'self' folio: data: blob:");
    expect(await page.text()).toContain('<title>Folio</title>');
    const script = await serveRendererFile(rendererDir, 'app://folio/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses every way out of the renderer folder', async () => {
    const attempts = [
      'app://folio/../secret.txt',
      'app://folio/%2e%2e/secret.txt',
      'app://folio/assets/%2e%2e/%2e%2e/secret.txt',
      'app://folio/..%2fsecret.txt',
      'app://folio/..%5csecret.txt',
      `app://folio/${encodeURIComponent(path.join(path.dirname(rendererDir), 'secret.txt'))}`,
      'app://folio/index.html%00.png',
      'app://elsewhere/index.html',
    ];
    for (const url of attempts) {
      const file = rendererFileFor(rendererDir, url);
      if (file) expect(path.relative(rendererDir, file).startsWith('..')).toBe(false);
      const response = await serveRendererFile(rendererDir, url);
      expect(await response.text()).not.toContain('not for the page');
    }
    expect((await serveRendererFile(rendererDir, 'app://folio/..%2fsecret.txt')).status).toBe(404);
    expect((await serveRendererFile(rendererDir, 'app://folio/assets')).status).toBe(404);
    expect((await serveRendererFile(rendererDir, 'app://folio/missing.js')).status).toBe(404);
  });
});

describe('folio://', () => {
  const assetId = 'ab'.repeat(32);
  const source = {
    asked: [] as string[],
    async readAsset(id: string) {
      this.asked.push(`asset ${id}`);
      return id === assetId ? { bytes: Buffer.from('png bytes'), mimeType: 'image/png' } : null;
    },
    async readAssetThumbnail(id: string) {
      this.asked.push(`thumbnail ${id}`);
      return id === assetId ? { bytes: Buffer.from('small webp'), mimeType: 'image/webp' } : null;
    },
    async readLibraryThumbnail(id: number) {
      this.asked.push(`library ${id}`);
      return id === 7 ? { bytes: Buffer.from('jpeg bytes'), mimeType: 'image/jpeg' } : null;
    },
  };

  it('serves project pictures and library thumbnails', async () => {
    const asset = await serveStudioMedia(source, `folio://asset/${assetId}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('image/png');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await asset.text()).toBe('png bytes');
    const thumbnail = await serveStudioMedia(source, 'folio://library/7');
    expect(await thumbnail.text()).toBe('jpeg bytes');
    const small = await serveStudioMedia(source, `folio://thumbnail/${assetId}`);
    expect(small.headers.get('content-type')).toBe('image/webp');
    expect(await small.text()).toBe('small webp');
  });

  it('answers 404 for anything else, without asking the studio about malformed names', async () => {
    source.asked.length = 0;
    for (const url of [
      'folio://asset/../../etc/passwd',
      'folio://asset/ABC',
      `folio://asset/${assetId}/x`,
      'folio://library/-1',
      'folio://thumbnail/ABC',
      `folio://thumbnail/${assetId}/x`,
      'folio://library/1e3',
      'folio://library/99999999999999999999',
      'folio://other/1',
    ]) {
      expect((await serveStudioMedia(source, url)).status).toBe(404);
    }
    expect(source.asked).toEqual([]);
    expect((await serveStudioMedia(source, 'folio://library/8')).status).toBe(404);
  });
});

describe('origins, links and permissions', () => {
  it('knows the app origin in production and development', () => {
    expect(originOf('app://folio/index.html')).toBe('app://folio');
    expect(isAppUrl('app://folio/index.html#x', 'app://folio')).toBe(true);
    expect(isAppUrl('app://folio.evil/index.html', 'app://folio')).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('not a url', 'app://folio')).toBe(false);
  });

  it('hands only http(s) links to the browser', () => {
    expect(isWebLink('https://example.com/a')).toBe(true);
    expect(isWebLink('http://example.com/a')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'folio://asset/x', 'ms-settings:'])
      expect(isWebLink(url)).toBe(false);
  });

  it('grants the sanitized clipboard write to the app only, and nothing else to anyone', () => {
    const onApp = (url: string) => isAppUrl(url, 'app://folio');
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://folio/', onApp)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/', onApp)).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(isPermissionAllowed(permission, 'app://folio/', onApp)).toBe(false);
    }
  });
});
