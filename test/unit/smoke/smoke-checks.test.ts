import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { STUDIO_METHOD_NAMES } from '../../../electron/app/studio-methods';
import { contentSecurityPolicy } from '@contract/content-security-policy';
import { findPackagedExecutable } from '../../smoke/launch-packaged-app';
import { expectedPolicy, policyProblems, reachProblems } from '../../smoke/shell-boundary';
import { meanDifference, parseNetWmIcon } from '../../smoke/window-icon';

const API = [...STUDIO_METHOD_NAMES, 'onEvent', 'assetUrl', 'assetThumbnailUrl', 'libraryThumbnailUrl'].sort();

describe("what the smoke script holds the page's reach to", () => {
  it('passes the Studio API alone, and names anything of Node or Electron and any extra on window.studio', () => {
    expect(reachProblems({ reachable: [], studioKeys: API }, 'electron')).toEqual([]);
    expect(reachProblems({ reachable: [], studioKeys: [...API, 'close'].sort() }, 'browser')).toEqual([]);
    expect(reachProblems({ reachable: ['require', 'process'], studioKeys: [...API, 'invoke'].sort() }, 'electron')).toEqual([
      'the page can reach require',
      'the page can reach process',
      'window.studio carries more than the Studio API: invoke',
    ]);
    expect(reachProblems({ reachable: [], studioKeys: API.filter((key) => key !== 'saveDocument') }, 'electron')).toEqual([
      'window.studio lacks saveDocument',
    ]);
  });

  it("wants the shell's own policy, sent and enforced: the app's allows folio: pictures, the server's does not", () => {
    expect(expectedPolicy('electron')).toContain("img-src 'self' folio: data: blob:");
    expect(expectedPolicy('browser')).toBe(contentSecurityPolicy());
    const enforced = { header: expectedPolicy('browser'), inlineScriptViolation: 'script-src-elem', inlineScriptRan: false };
    expect(policyProblems(enforced, 'browser')).toEqual([]);
    expect(policyProblems(enforced, 'electron')).toHaveLength(1);
    expect(policyProblems({ header: null, inlineScriptViolation: null, inlineScriptRan: true }, 'browser')).toEqual([
      `the page came with the policy null, not ${expectedPolicy('browser')}`,
      'an inline script injected into the page ran',
      'no script-src violation was reported (null)',
    ]);
  });
});

describe('the window icon as X11 holds it (_NET_WM_ICON: width, height, then one ARGB number per pixel)', () => {
  it('reads back the drawn icon the way the window manager spec lays it out', async () => {
    const { data, info } = await sharp('assets/icons/32x32.png').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const argb: number[] = [];
    for (let i = 0; i < info.width * info.height; i++) {
      const [r = 0, g = 0, b = 0, a = 0] = data.subarray(i * 4, i * 4 + 4);
      argb.push(a * 2 ** 24 + r * 2 ** 16 + g * 2 ** 8 + b);
    }
    // A window offers several sizes, smallest first as Chromium's do: the largest is read.
    const icon = parseNetWmIcon(`_NET_WM_ICON = ${[16, 16, ...Array<number>(256).fill(0), 32, 32, ...argb].join(', ')}\n`);
    expect(icon?.size).toBe(32);
    expect(meanDifference(icon?.rgba ?? Buffer.alloc(0), data)).toBe(0);
    expect(parseNetWmIcon('_NET_WM_ICON:  not found.')).toBeNull();
  });
});

describe('finding the packaged app', () => {
  let out = '';
  afterEach(() => rmSync(out, { recursive: true, force: true }));
  const file = (...parts: string[]) => {
    mkdirSync(path.join(out, ...parts.slice(0, -1)), { recursive: true });
    writeFileSync(path.join(out, ...parts), '');
  };

  it("finds the packager's output on each platform, and not the installers' unpacked copies", () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'folio-out-'));
    file('folio-studio-linux-x64', 'folio');
    file('folio-studio-win32-x64', 'folio.exe');
    file('folio-studio-darwin-arm64', 'folio-studio.app', 'Contents', 'MacOS', 'folio');
    file('make', 'win-unpacked', 'folio.exe');
    file('llama-server', 'llama-server');
    expect(findPackagedExecutable(out, 'linux')).toBe(path.join(out, 'folio-studio-linux-x64', 'folio'));
    expect(findPackagedExecutable(out, 'win32')).toBe(path.join(out, 'folio-studio-win32-x64', 'folio.exe'));
    expect(findPackagedExecutable(out, 'darwin')).toBe(
      path.join(out, 'folio-studio-darwin-arm64', 'folio-studio.app', 'Contents', 'MacOS', 'folio'),
    );
    expect(findPackagedExecutable(path.join(out, 'folio-studio-linux-x64', 'folio'), 'linux')).toBe(
      path.join(out, 'folio-studio-linux-x64', 'folio'),
    );
  });

  it('says what it found when it is not exactly one', () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'folio-out-'));
    expect(() => findPackagedExecutable(out, 'linux')).toThrow(/Expected one packaged folio under .*, found 0/);
    file('a-linux-x64', 'folio');
    file('b-linux-x64', 'folio');
    expect(() => findPackagedExecutable(out, 'linux')).toThrow(/found 2/);
  });

  it("takes a macOS bundle's program whatever the packager named it", () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'folio-out-'));
    file('folio-studio-darwin-arm64', 'folio-studio.app', 'Contents', 'MacOS', 'folio-studio');
    expect(findPackagedExecutable(out, 'darwin')).toBe(
      path.join(out, 'folio-studio-darwin-arm64', 'folio-studio.app', 'Contents', 'MacOS', 'folio-studio'),
    );
  });
});
