/**
 * BMP, read by Folio: sharp's prebuilt libvips has no BMP loader, and the registry's decoders
 * each miss files Windows and image programs write (bmp-ts ignores the pixel-data offset, so a
 * file with a gap after its palette or a V5 header comes out shifted; decode-bmp has no RLE,
 * 16-bit or top-down rows; fast-bmp no palettes or RLE). This reads the Windows and OS/2 headers
 * (12 to 124 bytes), 1/2/4/8-bit palettes, RLE4 and RLE8, 16/24/32-bit with or without bit
 * fields (alpha where a mask names it), rows bottom-up or top-down; every offset is checked
 * against the file, and the size is known before a pixel is allocated.
 */

export interface DecodedBmp {
  /** Interleaved 8-bit samples (RGB, or RGBA when the file has an alpha mask), top row first. */
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

export class BmpError extends Error {
  override readonly name = 'BmpError';
}

interface BmpHeader {
  width: number;
  height: number;
  topDown: boolean;
  bitsPerPixel: number;
  compression: number;
  pixelOffset: number;
  palette: Array<[number, number, number]>;
  masks: [number, number, number, number];
}

/** The gate's own limit is lower; this one only keeps the allocation below it possible. */
const MOST_PIXELS = 16384 * 16384;
const BI_RGB = 0;
const BI_RLE8 = 1;
const BI_RLE4 = 2;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;

/** Width and height from the headers alone. */
export function bmpSize(bytes: Uint8Array): { width: number; height: number } {
  const { width, height } = readHeader(view(bytes), bytes.length);
  return { width, height };
}

export function decodeBmp(bytes: Uint8Array): DecodedBmp {
  const data = view(bytes);
  const header = readHeader(data, bytes.length);
  const { width, height, compression, masks } = header;
  const channels: 3 | 4 = masks[3] !== 0 ? 4 : 3;
  // Checked before the pixels are allocated: a 60-byte file may claim 60,000 × 60,000 pixels.
  if (compression !== BI_RLE8 && compression !== BI_RLE4 && header.pixelOffset + stride(header) * height > bytes.length)
    throw new BmpError('its pixel data is cut short');
  if (width * height > MOST_PIXELS) throw new BmpError(`it has more pixels (${width} × ${height}) than a picture can`);
  const out = new Uint8Array(width * height * channels);
  const put = (x: number, y: number, rgb: readonly number[], alpha = 255): void => {
    const row = header.topDown ? y : height - 1 - y;
    const at = (row * width + x) * channels;
    out[at] = rgb[0] ?? 0;
    out[at + 1] = rgb[1] ?? 0;
    out[at + 2] = rgb[2] ?? 0;
    if (channels === 4) out[at + 3] = alpha;
  };
  if (compression === BI_RLE8 || compression === BI_RLE4) readRle(data, header, put);
  else readRows(data, header, put);
  return { data: out, width, height, channels };
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readHeader(data: DataView, length: number): BmpHeader {
  if (length < 26 || data.getUint16(0, true) !== 0x4d42) throw new BmpError('it is not a BMP file');
  const pixelOffset = data.getUint32(10, true);
  const dibSize = data.getUint32(14, true);
  if (14 + dibSize > length) throw new BmpError('its header is cut short');
  let width: number;
  let height: number;
  let bitsPerPixel: number;
  let compression = BI_RGB;
  let colours = 0;
  let paletteEntryBytes = 4;
  if (dibSize === 12) {
    width = data.getUint16(18, true);
    height = data.getUint16(20, true);
    bitsPerPixel = data.getUint16(24, true);
    paletteEntryBytes = 3;
  } else if (dibSize >= 40) {
    width = data.getInt32(18, true);
    height = data.getInt32(22, true);
    bitsPerPixel = data.getUint16(28, true);
    compression = data.getUint32(30, true);
    colours = data.getUint32(46, true);
  } else throw new BmpError(`its header size (${dibSize}) is none BMP uses`);
  const topDown = height < 0;
  height = Math.abs(height);
  if (width <= 0 || height <= 0) throw new BmpError(`it has no pixels (${width} × ${height})`);
  if (![1, 2, 4, 8, 16, 24, 32].includes(bitsPerPixel)) throw new BmpError(`${bitsPerPixel} bits per pixel is not a BMP depth`);
  if (![BI_RGB, BI_RLE8, BI_RLE4, BI_BITFIELDS, BI_ALPHABITFIELDS].includes(compression))
    throw new BmpError(`its compression (${compression}: embedded JPEG or PNG, or OS/2's) is not supported`);
  if ((compression === BI_RLE8 && bitsPerPixel !== 8) || (compression === BI_RLE4 && bitsPerPixel !== 4))
    throw new BmpError('its run-length compression does not match its depth');
  if (topDown && (compression === BI_RLE8 || compression === BI_RLE4))
    throw new BmpError('it is run-length coded from the top, which BMP forbids');

  const masks = defaultMasks(bitsPerPixel);
  let after = 14 + dibSize;
  if (compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) {
    // In a 40-byte header the masks follow it; larger headers hold them (V2: RGB, V3 and later: RGBA).
    const maskCount = dibSize >= 56 || compression === BI_ALPHABITFIELDS ? 4 : 3;
    const at = dibSize >= 52 ? 54 : after;
    if (at + maskCount * 4 > length) throw new BmpError('its colour masks are cut short');
    for (let i = 0; i < maskCount; i++) masks[i] = data.getUint32(at + i * 4, true);
    if (dibSize < 52) after += maskCount * 4;
  } else if (dibSize >= 56 && bitsPerPixel === 32) masks[3] = data.getUint32(66, true);

  const palette: Array<[number, number, number]> = [];
  if (bitsPerPixel <= 8) {
    const count = colours === 0 ? 1 << bitsPerPixel : Math.min(colours, 1 << bitsPerPixel);
    if (after + count * paletteEntryBytes > length) throw new BmpError('its palette is cut short');
    for (let i = 0; i < count; i++) {
      const at = after + i * paletteEntryBytes;
      palette.push([data.getUint8(at + 2), data.getUint8(at + 1), data.getUint8(at)]);
    }
  }
  if (pixelOffset >= length) throw new BmpError('its pixel data lies past the end of the file');
  return { width, height, topDown, bitsPerPixel, compression, pixelOffset, palette, masks };
}

function defaultMasks(bitsPerPixel: number): [number, number, number, number] {
  if (bitsPerPixel === 16) return [0x7c00, 0x03e0, 0x001f, 0];
  if (bitsPerPixel === 24 || bitsPerPixel === 32) return [0xff0000, 0x00ff00, 0x0000ff, 0];
  return [0, 0, 0, 0];
}

/** A mask's value scaled to 0..255. */
function channel(pixel: number, mask: number): number {
  if (mask === 0) return 0;
  const low = 31 - Math.clz32(mask & -mask);
  const max = mask >>> low;
  return Math.round((((pixel & mask) >>> low) * 255) / max);
}

/** Bytes per stored row: padded to four. */
function stride(header: BmpHeader): number {
  return Math.ceil((header.width * header.bitsPerPixel) / 32) * 4;
}

type Put = (x: number, y: number, rgb: readonly number[], alpha?: number) => void;

function readRows(data: DataView, header: BmpHeader, put: Put): void {
  const { width, height, bitsPerPixel, pixelOffset, palette, masks } = header;
  const rowBytes = stride(header);
  const colour = (index: number): readonly number[] => {
    const entry = palette[index];
    if (!entry) throw new BmpError(`a pixel names colour ${index}, past its palette of ${palette.length}`);
    return entry;
  };
  for (let y = 0; y < height; y++) {
    const row = pixelOffset + y * rowBytes;
    for (let x = 0; x < width; x++) {
      if (bitsPerPixel <= 8) {
        const bit = x * bitsPerPixel;
        const byte = data.getUint8(row + (bit >> 3));
        put(x, y, colour((byte >> (8 - bitsPerPixel - (bit & 7))) & ((1 << bitsPerPixel) - 1)));
      } else if (bitsPerPixel === 24) {
        const at = row + x * 3;
        put(x, y, [data.getUint8(at + 2), data.getUint8(at + 1), data.getUint8(at)]);
      } else {
        const pixel = bitsPerPixel === 16 ? data.getUint16(row + x * 2, true) : data.getUint32(row + x * 4, true);
        put(
          x,
          y,
          [channel(pixel, masks[0]), channel(pixel, masks[1]), channel(pixel, masks[2])],
          masks[3] ? channel(pixel, masks[3]) : 255,
        );
      }
    }
  }
}

/** RLE8 and RLE4: runs of one colour (two alternating for RLE4), literal runs, line ends, jumps. */
function readRle(data: DataView, header: BmpHeader, put: Put): void {
  const { width, height, palette, bitsPerPixel } = header;
  const nibbles = bitsPerPixel === 4;
  const colour = (index: number): readonly number[] => palette[index] ?? [0, 0, 0];
  let at = header.pixelOffset;
  let x = 0;
  let y = 0;
  const byte = (): number => {
    if (at >= data.byteLength) throw new BmpError('its run-length data is cut short');
    return data.getUint8(at++);
  };
  const plot = (index: number): void => {
    if (x < width && y < height) put(x, y, colour(index));
    x++;
  };
  while (y < height) {
    const count = byte();
    const value = byte();
    if (count > 0) {
      for (let i = 0; i < count; i++) plot(nibbles ? (i % 2 === 0 ? value >> 4 : value & 15) : value);
    } else if (value === 0) {
      x = 0;
      y++;
    } else if (value === 1) return;
    else if (value === 2) {
      x += byte();
      y += byte();
    } else {
      const literal = nibbles ? Math.ceil(value / 2) : value;
      for (let i = 0; i < value; i++) {
        const packed = nibbles
          ? data.getUint8(Math.min(at + (i >> 1), data.byteLength - 1))
          : data.getUint8(Math.min(at + i, data.byteLength - 1));
        plot(nibbles ? (i % 2 === 0 ? packed >> 4 : packed & 15) : packed);
      }
      if (at + literal > data.byteLength) throw new BmpError('its run-length data is cut short');
      at += literal + (literal % 2);
    }
  }
}
