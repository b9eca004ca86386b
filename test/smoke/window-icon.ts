/// <reference lib="dom" />
/**
 * The app's icon where the writer sees it, compared with the drawn one (assets/): the browser
 * tab's favicons; the desktop window's icon as X11 holds it (Linux), the bundle's icon file
 * (macOS), the icon Windows shows for the executable. Returns what is wrong, or [].
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { LaunchedApp } from './launched-app';

const ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets');
const iconPng = (size: number) => path.join(ASSETS, 'icons', `${size}x${size}.png`);

export async function windowIconProblems(app: LaunchedApp, platform: NodeJS.Platform = process.platform): Promise<string[]> {
  if (app.shell === 'browser') return faviconProblems(app);
  if (platform === 'linux') return x11IconProblems(app.pid);
  if (platform === 'darwin') return bundleIconProblems(app.executable ?? '');
  return windowsIconProblems(app.executable ?? '');
}

/** The page's icon links, each fetched: the same bytes as the drawn icon of that size. */
async function faviconProblems(app: LaunchedApp): Promise<string[]> {
  const icons = await app.page.evaluate(async () =>
    Promise.all(
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="icon"]')].map(async (link) => {
        const bytes = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
        return { sizes: link.sizes.value, base64: btoa(String.fromCharCode(...bytes)) };
      }),
    ),
  );
  if (icons.length === 0) return ['the page links no icon'];
  return icons
    .filter(({ sizes, base64 }) => {
      const size = Number(/^(\d+)x\1$/.exec(sizes)?.[1]);
      return !size || !Buffer.from(base64, 'base64').equals(readFileSync(iconPng(size)));
    })
    .map(({ sizes }) => `the ${sizes} icon the page links is not assets/icons/${sizes}.png`);
}

/** How far two RGBA pictures of the same size are apart: the mean difference per channel, 0–255. */
export function meanDifference(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) return 255;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

async function scaledIconRgba(size: number): Promise<Buffer> {
  return sharp(iconPng(256)).resize(size, size).ensureAlpha().raw().toBuffer();
}

/** The drawn icon at `size` px: its own PNG where one is drawn for that size (16 and 32 px have their own drawing). */
async function drawnIconRgba(size: number): Promise<Buffer> {
  const own = existsSync(iconPng(size));
  return sharp(iconPng(own ? size : 256))
    .resize(size, size)
    .ensureAlpha()
    .raw()
    .toBuffer();
}

/**
 * _NET_WM_ICON: one or more icons, each its width, height, then one ARGB number per pixel. The
 * largest square one, as RGBA.
 */
export function parseNetWmIcon(xpropOutput: string): { size: number; rgba: Buffer } | null {
  const values = (xpropOutput.split('=')[1] ?? '').split(',').map((value) => Number(value.trim()));
  let best: { size: number; at: number } | null = null;
  for (let at = 0; at + 2 <= values.length;) {
    const width = values[at] ?? 0;
    const height = values[at + 1] ?? 0;
    if (!width || !height || at + 2 + width * height > values.length) break;
    if (width === height && width > (best?.size ?? 0)) best = { size: width, at: at + 2 };
    at += 2 + width * height;
  }
  if (!best) return null;
  const rgba = Buffer.alloc(best.size * best.size * 4);
  for (let i = 0; i < best.size * best.size; i++) {
    const argb = values[best.at + i] ?? 0;
    rgba.writeUInt32BE(((argb << 8) | (argb >>> 24)) >>> 0, i * 4);
  }
  return { size: best.size, rgba };
}

async function x11IconProblems(pid: number): Promise<string[]> {
  const windows = execFileSync('xdotool', ['search', '--all', '--pid', String(pid), '--name', '^Folio'], { encoding: 'utf8' })
    .trim()
    .split('\n');
  for (const id of windows.filter(Boolean)) {
    // The numbers, not xprop's drawing of the icon in characters.
    const numbers = execFileSync('xprop', ['-id', id, '-notype', '-f', '_NET_WM_ICON', '32c', ' = $0+\\n', '_NET_WM_ICON'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const icon = parseNetWmIcon(numbers);
    if (!icon) continue;
    // The window is given the 256 px drawing (main-window.ts); smaller forms are scaled from it.
    const difference = meanDifference(icon.rgba, await scaledIconRgba(icon.size));
    return difference < 8 ? [] : [`the window's ${icon.size} px icon differs from the drawn icon by ${difference.toFixed(1)} per channel`];
  }
  return [`no window of process ${pid} named Folio carries an icon (_NET_WM_ICON)`];
}

/** The bundle's icon file (Info.plist's CFBundleIconFile) is assets/icon.icns, byte for byte. */
function bundleIconProblems(executable: string): string[] {
  const contents = path.resolve(path.dirname(executable), '..');
  const plist = readFileSync(path.join(contents, 'Info.plist'), 'utf8');
  const name = /<key>CFBundleIconFile<\/key>\s*<string>([^<]+)<\/string>/.exec(plist)?.[1];
  if (!name) return ['Info.plist names no CFBundleIconFile'];
  const file = path.join(contents, 'Resources', name.endsWith('.icns') ? name : `${name}.icns`);
  const carried = existsSync(file) ? readFileSync(file) : null;
  return carried?.equals(readFileSync(path.join(ASSETS, 'icon.icns'))) ? [] : [`${file} is not assets/icon.icns`];
}

/** The icon Windows shows for the executable (its 32 px form), against the drawn icon at 32 px. */
async function windowsIconProblems(executable: string): Promise<string[]> {
  const out = path.join(os.tmpdir(), `folio-exe-icon-${process.pid}.png`);
  const script = `Add-Type -AssemblyName System.Drawing; [System.Drawing.Icon]::ExtractAssociatedIcon('${executable.replace(/'/g, "''")}').ToBitmap().Save('${out}')`;
  execFileSync('powershell', ['-NoProfile', '-Command', script]);
  const shown = await sharp(out).resize(32, 32).ensureAlpha().raw().toBuffer();
  const difference = meanDifference(shown, await drawnIconRgba(32));
  return difference < 24 ? [] : [`the executable's icon differs from the drawn icon by ${difference.toFixed(1)} per channel`];
}
