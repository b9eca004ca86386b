/**
 * Folio's BMP reader against ImageMagick's, on every kind ImageMagick writes, and on the kinds it
 * does not (RLE4, rows stored top-down), built here byte by byte.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BmpError, bmpSize, decodeBmp } from '../../../electron/studio/library/bmp/decode-bmp';
import { pictureTypeOf } from '../../../native-models/images/picture-types';
import { imageMagickPixels, pixelDifference, scenePng } from '../../fixtures/camera-pictures';

let dir = '';
let source = '';
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-bmp-'));
  source = path.join(dir, 'scene.png');
  writeFileSync(source, await scenePng(4));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rgbOf = (decoded: { data: Uint8Array; channels: number }): Buffer =>
  Buffer.from(decoded.channels === 3 ? decoded.data : decoded.data.filter((_, index) => index % 4 !== 3));

describe('decodeBmp', () => {
  it.each([
    ['24-bit, Windows 3 header', ['bmp3:']],
    ['24-bit, V5 header', ['bmp:']],
    ['8-bit palette', ['-type', 'palette', 'bmp3:']],
    ['8-bit palette, RLE8', ['-type', 'palette', '-compress', 'rle', 'bmp3:']],
    ['4-bit palette', ['-colors', '16', '-type', 'palette', 'bmp3:']],
    ['1-bit', ['-monochrome', 'bmp3:']],
    ['16-bit RGB565 bit fields', ['-define', 'bmp:subtype=RGB565', 'bmp:']],
    ['16-bit RGB555', ['-define', 'bmp:subtype=RGB555', 'bmp:']],
    ['32-bit with alpha bit fields', ['-alpha', 'set', '-define', 'bmp:subtype=ARGB8888', 'bmp:']],
    ['OS/2 core header', ['bmp2:']],
    ['OS/2 core header, palette', ['-colors', '16', '-type', 'palette', 'bmp2:']],
  ])('reads %s as ImageMagick does', (_name, args) => {
    const file = path.join(dir, `${_name.replace(/\W+/g, '-')}.bmp`);
    const prefix = args.at(-1) as string;
    execFileSync('/usr/bin/convert', [source, ...args.slice(0, -1), `${prefix}${file}`]);
    const bytes = readFileSync(file);
    expect(pictureTypeOf(bytes)?.format).toBe('bmp');
    const decoded = decodeBmp(bytes);
    expect([decoded.width, decoded.height]).toEqual([96, 64]);
    // 5- and 6-bit channels scale to 8 bits by rounding here, by bit replication there: one level apart at most.
    expect(pixelDifference(rgbOf(decoded), imageMagickPixels(file)).max).toBeLessThanOrEqual(1);
  });

  it('reads RLE4 and rows stored top-down', () => {
    // 4 × 2, 16-colour palette: black, red, green, blue...; RLE4 runs: row 0 = 1,2,1,2; row 1 = 3,3,3,3.
    const palette = [
      [0, 0, 0],
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
    ];
    const rle = Buffer.from([4, 0x12, 0, 0, 4, 0x33, 0, 0, 0, 1]);
    const rle4 = bmpFile({ width: 4, height: 2, bitsPerPixel: 4, compression: 2, palette, pixels: rle });
    const decoded = decodeBmp(rle4);
    // Bottom-up: the first row stored is the bottom one.
    expect([...decoded.data]).toEqual([0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 0, 255, 0, 255, 0, 0, 0, 255, 0]);

    const rows = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0, 0]);
    const topDown = bmpFile({ width: 2, height: -2, bitsPerPixel: 24, compression: 0, palette: [], pixels: rows });
    expect([...decodeBmp(topDown).data]).toEqual([0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 0, 0]);
  });

  it('knows the size before a pixel is allocated, and refuses cut and inconsistent files', () => {
    const bomb = bmpFile({ width: 60000, height: 60000, bitsPerPixel: 24, compression: 0, palette: [], pixels: Buffer.alloc(16) });
    expect(bmpSize(bomb)).toEqual({ width: 60000, height: 60000 });
    expect(() => decodeBmp(bomb)).toThrow(BmpError);
    const file = path.join(dir, 'whole.bmp');
    execFileSync('/usr/bin/convert', [source, `bmp3:${file}`]);
    const whole = readFileSync(file);
    expect(() => decodeBmp(whole.subarray(0, whole.length - 100))).toThrow(/cut short/);
    expect(() => decodeBmp(whole.subarray(0, 20))).toThrow(BmpError);
    const jpegInside = Buffer.from(whole);
    jpegInside.writeUInt32LE(4, 30);
    expect(() => decodeBmp(jpegInside)).toThrow(/not supported/);
  });
});

function bmpFile(spec: {
  width: number;
  height: number;
  bitsPerPixel: number;
  compression: number;
  palette: number[][];
  pixels: Buffer;
}): Buffer {
  const paletteBytes = Buffer.alloc(spec.palette.length * 4);
  spec.palette.forEach(([r, g, b], index) => paletteBytes.set([b ?? 0, g ?? 0, r ?? 0, 0], index * 4));
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54 + paletteBytes.length + spec.pixels.length, 2);
  header.writeUInt32LE(54 + paletteBytes.length, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(spec.width, 18);
  header.writeInt32LE(spec.height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(spec.bitsPerPixel, 28);
  header.writeUInt32LE(spec.compression, 30);
  header.writeUInt32LE(spec.palette.length, 46);
  return Buffer.concat([header, paletteBytes, spec.pixels]);
}
