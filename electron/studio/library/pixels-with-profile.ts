/**
 * Decoded pixels (from the HEIC or BMP decoder) as sharp input. sharp takes raw pixels but no
 * colour profile with them, and a picture in Display P3 (every iPhone photo) read as sRGB comes
 * out washed out; so pixels with a profile are wrapped in a minimal uncompressed TIFF carrying it
 * (tag 34675), which libvips reads and converts to sRGB like any tagged picture. No compression:
 * the wrapper costs one copy of the pixels, no encoding.
 */
import sharp, { type SharpOptions } from 'sharp';

export interface DecodedPixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
  icc?: Uint8Array;
  /** A profile named rather than given (an nclx box), one of sharp's own. */
  namedProfile?: 'p3';
}

/** The input for `sharp(input, options)`. */
export async function pixelsAsInput(pixels: DecodedPixels): Promise<{ input: Buffer; options: SharpOptions }> {
  const icc = pixels.icc ?? (pixels.namedProfile ? await builtInProfile(pixels.namedProfile) : undefined);
  const { data, width, height, channels } = pixels;
  if (!icc) return { input: Buffer.from(data.buffer, data.byteOffset, data.byteLength), options: { raw: { width, height, channels } } };
  return { input: tiffWithProfile(pixels, icc), options: {} };
}

const profiles = new Map<string, Promise<Uint8Array>>();

/** sharp's own copy of a named profile's bytes, read once from a tagged one-pixel picture. */
function builtInProfile(name: 'p3'): Promise<Uint8Array> {
  let profile = profiles.get(name);
  if (!profile) {
    profile = sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .withIccProfile(name)
      .png()
      .toBuffer()
      .then(async (png) => (await sharp(png).metadata()).icc ?? new Uint8Array());
    profiles.set(name, profile);
  }
  return profile;
}

/** A baseline TIFF: little-endian, one strip, 8 bits per sample, RGB or RGBA (unassociated alpha). */
function tiffWithProfile(pixels: DecodedPixels, icc: Uint8Array): Buffer {
  const { data, width, height, channels } = pixels;
  const entries: Array<[tag: number, type: number, count: number, value: number]> = [];
  const extra: Buffer[] = [];
  const tagCount = channels === 4 ? 12 : 11;
  const ifdSize = 2 + tagCount * 12 + 4;
  let offset = 8 + ifdSize;
  const place = (bytes: Buffer): number => {
    const at = offset;
    extra.push(bytes);
    offset += bytes.length + (bytes.length % 2);
    if (bytes.length % 2) extra.push(Buffer.alloc(1));
    return at;
  };
  const bitsPerSample = Buffer.alloc(channels * 2);
  for (let i = 0; i < channels; i++) bitsPerSample.writeUInt16LE(8, i * 2);
  const SHORT = 3;
  const LONG = 4;
  const UNDEFINED = 7;
  entries.push([256, LONG, 1, width]);
  entries.push([257, LONG, 1, height]);
  entries.push([258, SHORT, channels, place(bitsPerSample)]);
  entries.push([259, SHORT, 1, 1]); // no compression
  entries.push([262, SHORT, 1, 2]); // RGB
  const iccAt = place(Buffer.from(icc.buffer, icc.byteOffset, icc.byteLength));
  const stripAt = offset;
  entries.push([273, LONG, 1, stripAt]);
  entries.push([277, SHORT, 1, channels]);
  entries.push([278, LONG, 1, height]);
  entries.push([279, LONG, 1, data.byteLength]);
  entries.push([284, SHORT, 1, 1]); // chunky
  if (channels === 4) entries.push([338, SHORT, 1, 2]); // unassociated alpha
  entries.push([34675, UNDEFINED, icc.byteLength, iccAt]);
  entries.sort((a, b) => a[0] - b[0]);

  const head = Buffer.alloc(8 + ifdSize);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(8, 4);
  head.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], index) => {
    const at = 10 + index * 12;
    head.writeUInt16LE(tag, at);
    head.writeUInt16LE(type, at + 2);
    head.writeUInt32LE(count, at + 4);
    // A single SHORT sits in the first two bytes of the value field; anything else is a LONG or an offset.
    if (type === SHORT && count === 1) head.writeUInt16LE(value, at + 8);
    else head.writeUInt32LE(value, at + 8);
  });
  head.writeUInt32LE(0, 10 + entries.length * 12);
  return Buffer.concat([head, ...extra, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}
