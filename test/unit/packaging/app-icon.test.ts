/**
 * The committed app icon files (assets/, renderer/public/) are what scripts/make-icons.ts makes
 * from the SVGs, byte for byte, and each container parses back to the sizes the platforms need.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  ICNS_TYPES,
  ICO_SIZES,
  ICON_SVG,
  PNG_SIZES,
  RENDERER_ICON_SIZES,
  SMALL_ICON_SVG,
  encodeIcns,
  encodeIco,
  iconFileName,
  makeIcons,
} from '../../../scripts/make-icons';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const committed = (name: string): Buffer => readFileSync(path.join(PROJECT_DIR, name));

interface IcoEntry {
  width: number;
  height: number;
  bitCount: number;
  png: Buffer;
}

function parseIco(bytes: Buffer): IcoEntry[] {
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + 16 * index;
    const length = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    return {
      width: bytes.readUInt8(entry) || 256,
      height: bytes.readUInt8(entry + 1) || 256,
      bitCount: bytes.readUInt16LE(entry + 6),
      png: bytes.subarray(offset, offset + length),
    };
  });
}

function parseIcns(bytes: Buffer): Array<{ type: string; png: Buffer }> {
  expect(bytes.toString('latin1', 0, 4)).toBe('icns');
  expect(bytes.readUInt32BE(4)).toBe(bytes.length);
  const chunks: Array<{ type: string; png: Buffer }> = [];
  for (let offset = 8; offset < bytes.length;) {
    const length = bytes.readUInt32BE(offset + 4);
    expect(length).toBeGreaterThan(8);
    chunks.push({ type: bytes.toString('latin1', offset, offset + 4), png: bytes.subarray(offset + 8, offset + length) });
    offset += length;
  }
  return chunks;
}

async function pngSize(png: Buffer): Promise<[string | undefined, number | undefined, number | undefined]> {
  const { format, width, height } = await sharp(png).metadata();
  return [format, width, height];
}

describe('the app icon', () => {
  it('has a PNG of every size, each as large as its name says', async () => {
    for (const size of PNG_SIZES) expect(await pngSize(committed(iconFileName('png', size))), `${size}`).toEqual(['png', size, size]);
    for (const size of RENDERER_ICON_SIZES)
      expect(committed(iconFileName('renderer', size)).equals(committed(iconFileName('png', size)))).toBe(true);
  });

  it('has an ICO holding PNGs of 16 to 256 px, each entry naming its own size', async () => {
    const entries = parseIco(committed('assets/icon.ico'));
    expect(entries.map((entry) => entry.width)).toEqual([...ICO_SIZES]);
    for (const entry of entries) {
      expect([entry.height, entry.bitCount]).toEqual([entry.width, 32]);
      expect(await pngSize(entry.png)).toEqual(['png', entry.width, entry.width]);
    }
  });

  it('has an ICNS holding PNG chunks of 16 to 1024 px', async () => {
    const chunks = parseIcns(committed('assets/icon.icns'));
    expect(chunks.map((chunk) => chunk.type)).toEqual(ICNS_TYPES.map(([type]) => type));
    for (const [index, [, size]] of ICNS_TYPES.entries())
      expect(await pngSize(chunks[index]?.png ?? Buffer.alloc(0))).toEqual(['png', size, size]);
  });

  it('writes the ICO and ICNS layouts byte for byte', () => {
    const png = Buffer.from('PNGDATA');
    expect(encodeIco([{ size: 256, png }]).toString('hex')).toBe(
      '000001000100' + '00000000' + '01002000' + '07000000' + '16000000' + png.toString('hex'),
    );
    expect(encodeIcns([{ type: 'icp4', png }]).toString('hex')).toBe(
      Buffer.from('icns').toString('hex') + '00000017' + Buffer.from('icp4').toString('hex') + '0000000f' + png.toString('hex'),
    );
  });

  it('is what the script makes now: running it again changes no byte', async () => {
    const files = await makeIcons(readFileSync(ICON_SVG), readFileSync(SMALL_ICON_SVG));
    expect(files.size).toBe(PNG_SIZES.length + RENDERER_ICON_SIZES.length + 2);
    for (const [name, bytes] of files)
      expect(bytes.equals(committed(name)), `${name} is stale: run node bin/run-ts.js scripts/make-icons.ts`).toBe(true);
  });
});
