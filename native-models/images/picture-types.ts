/**
 * The one table of picture types Folio reads: how each is recognised from its first bytes (never
 * from its name), its names, and who decodes it. Every layer asks here (the library's scan, the
 * gate every picture passes, project assets, the engines' check of what they are handed), so they
 * agree on what a picture is. Other places that still spell types out should move here.
 */
export type PictureFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heic' | 'tiff' | 'bmp' | 'svg';

export interface PictureType {
  format: PictureFormat;
  /** As a writer knows it, for messages: "HEIC". */
  name: string;
  mimeType: string;
  /** Lower case, with the dot; the first is the one Folio writes. */
  extensions: readonly string[];
  /**
   * Who decodes it: sharp's own libvips, the HEVC decoder in `libheif-js` (sharp's prebuilt
   * libvips reads HEIF containers but has no HEVC decoder), or Folio's BMP reader.
   */
  decoder: 'sharp' | 'libheif' | 'bmp';
  /** Chromium shows it in an <img> as it is stored; other types are shown through a converted copy. */
  shownByBrowsers: boolean;
  /** stb_image (llama.cpp's loader) and remote servers read it; the gate hands engines PNG anyway. */
  readByEngines: boolean;
  /** Every browser, word processor and Markdown viewer shows it as it is stored: exports keep it as it is. */
  portable: boolean;
  matches(head: Uint8Array): boolean;
}

/** How many first bytes the checks need (an SVG's may sit after a long comment or doctype). */
export const PICTURE_HEAD_BYTES = 4096;

const startsWith = (head: Uint8Array, ...bytes: number[]): boolean => bytes.every((value, index) => head[index] === value);
const ascii = (head: Uint8Array, from: number, length: number): string => String.fromCharCode(...head.subarray(from, from + length));

/** The brands an ISO base media file (HEIF, AVIF) lists in its `ftyp` box, read from the first bytes. */
function isoBrands(head: Uint8Array): string[] {
  if (head.length < 16 || ascii(head, 4, 4) !== 'ftyp') return [];
  const boxSize = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
  const end = Math.min(head.length, boxSize >>> 0);
  const brands = [ascii(head, 8, 4)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(head, at, 4));
  return brands;
}

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** BMP: "BM", then a header size Windows or OS/2 writes; text files starting "BM" fail the second test. */
function isBmp(head: Uint8Array): boolean {
  if (!startsWith(head, 0x42, 0x4d) || head.length < 18) return false;
  const headerSize = (head[14] ?? 0) | ((head[15] ?? 0) << 8) | ((head[16] ?? 0) << 16) | ((head[17] ?? 0) << 24);
  return [12, 40, 52, 56, 64, 108, 124].includes(headerSize);
}

/** SVG: XML text (after a byte order mark, white space, an XML declaration, comments or a doctype) whose first element is <svg. */
function isSvg(head: Uint8Array): boolean {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, PICTURE_HEAD_BYTES)).replace(/^\uFEFF/, '');
  for (;;) {
    text = text.trimStart();
    const skipped = /^(<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>)/i.exec(text);
    if (!skipped) break;
    text = text.slice(skipped[0].length);
  }
  return /^<svg[\s>:]/i.test(text);
}

export const PICTURE_TYPES: readonly PictureType[] = [
  {
    format: 'jpeg',
    name: 'JPEG',
    mimeType: 'image/jpeg',
    extensions: ['.jpg', '.jpeg', '.jpe', '.jfif'],
    decoder: 'sharp',
    shownByBrowsers: true,
    readByEngines: true,
    portable: true,
    matches: (head) => startsWith(head, 0xff, 0xd8, 0xff),
  },
  {
    format: 'png',
    name: 'PNG',
    mimeType: 'image/png',
    extensions: ['.png'],
    decoder: 'sharp',
    shownByBrowsers: true,
    readByEngines: true,
    portable: true,
    matches: (head) => startsWith(head, 0x89, 0x50, 0x4e, 0x47),
  },
  {
    format: 'webp',
    name: 'WebP',
    mimeType: 'image/webp',
    extensions: ['.webp'],
    decoder: 'sharp',
    shownByBrowsers: true,
    readByEngines: true,
    portable: true,
    matches: (head) => startsWith(head, 0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45,
  },
  {
    format: 'gif',
    name: 'GIF',
    mimeType: 'image/gif',
    extensions: ['.gif'],
    decoder: 'sharp',
    shownByBrowsers: true,
    readByEngines: true,
    portable: true,
    matches: (head) => startsWith(head, 0x47, 0x49, 0x46, 0x38),
  },
  {
    format: 'avif',
    name: 'AVIF',
    mimeType: 'image/avif',
    extensions: ['.avif'],
    decoder: 'sharp',
    shownByBrowsers: true,
    readByEngines: false,
    portable: false,
    matches: (head) => isoBrands(head).some((brand) => AVIF_BRANDS.has(brand)),
  },
  {
    format: 'heic',
    name: 'HEIC',
    mimeType: 'image/heic',
    extensions: ['.heic', '.heif', '.hif'],
    decoder: 'libheif',
    shownByBrowsers: false,
    readByEngines: false,
    portable: false,
    matches: (head) => {
      const brands = isoBrands(head);
      return !brands.some((brand) => AVIF_BRANDS.has(brand)) && brands.some((brand) => HEIC_BRANDS.has(brand));
    },
  },
  {
    format: 'tiff',
    name: 'TIFF',
    mimeType: 'image/tiff',
    extensions: ['.tif', '.tiff'],
    decoder: 'sharp',
    shownByBrowsers: false,
    readByEngines: false,
    portable: false,
    // Classic TIFF and BigTIFF, either byte order.
    matches: (head) =>
      startsWith(head, 0x49, 0x49, 0x2a, 0x00) ||
      startsWith(head, 0x4d, 0x4d, 0x00, 0x2a) ||
      startsWith(head, 0x49, 0x49, 0x2b, 0x00) ||
      startsWith(head, 0x4d, 0x4d, 0x00, 0x2b),
  },
  {
    format: 'bmp',
    name: 'BMP',
    mimeType: 'image/bmp',
    extensions: ['.bmp', '.dib'],
    decoder: 'bmp',
    shownByBrowsers: true,
    readByEngines: false,
    portable: false,
    matches: isBmp,
  },
  {
    format: 'svg',
    name: 'SVG',
    mimeType: 'image/svg+xml',
    extensions: ['.svg'],
    decoder: 'sharp',
    // Shown through a rasterised copy: an SVG asset opened by itself could run its scripts.
    shownByBrowsers: false,
    readByEngines: false,
    portable: false,
    matches: isSvg,
  },
];

/** The picture type from a file's first bytes (at least PICTURE_HEAD_BYTES where the file has them), or null. */
export function pictureTypeOf(head: Uint8Array): PictureType | null {
  return PICTURE_TYPES.find((type) => type.matches(head)) ?? null;
}

/** Whether a file's name says it is a picture of a type in the table. */
export function hasPictureExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return PICTURE_TYPES.some((type) => type.extensions.some((extension) => lower.endsWith(extension)));
}

const listed = (conjunction: string): string =>
  `${PICTURE_TYPES.slice(0, -1)
    .map((type) => type.name)
    .join(', ')} ${conjunction} ${PICTURE_TYPES.at(-1)?.name ?? ''}`;

/** Every picture type's names, for "not a … picture" messages: "JPEG, PNG, … BMP or SVG". */
export const PICTURE_TYPE_NAMES = listed('or');

/** The same, for "Folio reads …": "JPEG, PNG, … BMP and SVG". */
export const PICTURE_TYPES_READ = listed('and');

/** Whether a picture of this MIME type is one every viewer shows as it is (PictureType.portable). */
export function isPortablePicture(mimeType: string): boolean {
  return PICTURE_TYPES.some((type) => type.portable && type.mimeType === mimeType);
}

/** The extension Folio writes for a picture of this MIME type (without the dot), or 'bin'. */
export function extensionForMimeType(mimeType: string): string {
  return PICTURE_TYPES.find((type) => type.mimeType === mimeType)?.extensions[0]?.slice(1) ?? 'bin';
}
