/**
 * Renders assets/icon.svg (and, for 16 and 32 px, assets/icon-small.svg) into every icon the
 * platforms need, as committed files:
 * - assets/icons/<size>x<size>.png for each size in PNG_SIZES (the AppImage's icon set, named as
 *   electron-builder expects),
 * - assets/icon.ico (Windows: the window, the NSIS installer, the .exe), PNG entries 16–256,
 * - assets/icon.icns (macOS bundle), PNG chunks 16–1024,
 * - renderer/public/icon-32.png and icon-256.png: the favicon and the window icon, which Vite
 *   copies into dist/renderer (what both the app and the server serve).
 * ICO and ICNS are written here, not by a library: each is a short header and a table of
 * offsets in front of the PNGs. Output is deterministic (no metadata, fixed compression),
 * so running it again changes no bytes; the unit test checks that.
 *
 *   node bin/run-ts.js scripts/make-icons.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SVG = path.join(PROJECT_DIR, 'assets', 'icon.svg');
/** The same drawing on the 16 px grid, for the sizes that are whole multiples of it. */
export const SMALL_ICON_SVG = path.join(PROJECT_DIR, 'assets', 'icon-small.svg');
/** Drawn from the small SVG; every other size is the full drawing scaled down. */
export const SMALL_SIZES = [16, 32] as const;

export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** ICNS chunk types holding PNG data, by pixel size. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
] as const;
/** What the renderer build carries (its public dir): the favicon and the window icon. */
export const RENDERER_ICON_SIZES = [32, 256] as const;

/** Relative to the project: every generated file. */
export function iconFileName(kind: 'png' | 'renderer', size: number): string {
  return kind === 'png' ? `assets/icons/${size}x${size}.png` : `renderer/public/icon-${size}.png`;
}

const PNG_OPTIONS = { compressionLevel: 9, adaptiveFiltering: false, palette: false } as const;

/**
 * One PNG per size. The full drawing is rendered once at 1024 px and scaled down (Lanczos);
 * 16 and 32 px come from the pixel-grid drawing, rendered at 1 and 2 pixels per unit.
 */
export async function renderPngs(svg: Buffer, smallSvg: Buffer): Promise<Map<number, Buffer>> {
  const master = await sharp(svg, { density: 72 }).resize(1024, 1024).png().toBuffer();
  const pngs = new Map<number, Buffer>();
  for (const size of PNG_SIZES) {
    const source = (SMALL_SIZES as readonly number[]).includes(size) ? sharp(smallSvg, { density: (72 * size) / 16 }) : sharp(master);
    pngs.set(size, await source.resize(size, size, { kernel: 'lanczos3' }).png(PNG_OPTIONS).toBuffer());
  }
  return pngs;
}

/** ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNGs; little-endian. */
export function encodeIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

/** 'icns' and the file's length, then one chunk per image: its type, its length (header included), the PNG; big-endian. */
export function encodeIcns(chunks: ReadonlyArray<{ type: string; png: Buffer }>): Buffer {
  const parts = chunks.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

/** Every generated file, by its path relative to the project. */
export async function makeIcons(svg: Buffer, smallSvg: Buffer): Promise<Map<string, Buffer>> {
  const pngs = await renderPngs(svg, smallSvg);
  const png = (size: number): Buffer => {
    const bytes = pngs.get(size);
    if (!bytes) throw new Error(`No ${size} px rendering`);
    return bytes;
  };
  const files = new Map<string, Buffer>();
  for (const size of PNG_SIZES) files.set(iconFileName('png', size), png(size));
  for (const size of RENDERER_ICON_SIZES) files.set(iconFileName('renderer', size), png(size));
  files.set('assets/icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  files.set('assets/icon.icns', encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))));
  return files;
}

async function main(): Promise<void> {
  const files = await makeIcons(readFileSync(ICON_SVG), readFileSync(SMALL_ICON_SVG));
  for (const [name, bytes] of files) {
    const file = path.join(PROJECT_DIR, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    console.log(`${name}  ${bytes.length} bytes`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
