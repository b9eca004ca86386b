/**
 * HEIC (HEVC in a HEIF container, the iPhone's default) decoded by libheif-js, libheif and
 * libde265 built to WebAssembly: sharp's prebuilt libvips reads HEIF containers but carries no
 * HEVC decoder, and this is the maintained build that installs from the npm registry alone.
 * libheif applies the container's rotation and mirroring (HEIF's orientation; EXIF's is ignored,
 * as the HEIF specification says). The colour profile comes along so the gate converts to sRGB.
 *
 * Synchronous and CPU-bound (seconds for a 12-MP photo): run it in a worker (heic-in-worker.ts).
 * Each call instantiates a fresh module from the compiled WebAssembly, so the decoder's memory
 * (WebAssembly memory only grows) is returned when the call is done.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DecodedPixels } from '../pixels-with-profile';
import { coversBound, type PictureBound } from '../picture-bound';

/** Interleaved 8-bit samples, rows top to bottom, with the ICC profile the file carries (or Display P3's, named by an nclx box). */
export type DecodedHeic = DecodedPixels;

/** What the gate asks of libheif-js's Emscripten module (its bundled typings are untyped `any`). */
interface LibheifModule {
  heif_context_alloc(): object;
  heif_context_free(context: object): void;
  heif_context_read_from_memory(context: object, bytes: Uint8Array): { code: { value: number }; message: string };
  heif_js_context_get_primary_image_handle(context: object): (object & { code?: unknown; $$?: { ptr: number } }) | null;
  heif_image_handle_get_width(handle: object): number;
  heif_image_handle_get_height(handle: object): number;
  heif_image_handle_release(handle: object): void;
  heif_colorspace: { heif_colorspace_RGB: { value: number } };
  heif_chroma: { heif_chroma_interleaved_RGB: { value: number }; heif_chroma_interleaved_RGBA: { value: number } };
  heif_channel: { heif_channel_interleaved: { value: number } };
  // The C functions themselves, on raw pointers: the bindings' own wrappers reach no thumbnail.
  // A `struct heif_error` result is written to the memory its first argument points at.
  _heif_image_handle_has_alpha_channel(handle: number): number;
  _heif_image_handle_get_width(handle: number): number;
  _heif_image_handle_get_height(handle: number): number;
  _heif_image_handle_get_list_of_thumbnail_IDs(handle: number, ids: number, count: number): number;
  _heif_image_handle_get_thumbnail(result: number, handle: number, id: number, out: number): void;
  _heif_image_handle_release(handle: number): void;
  _heif_decode_image(result: number, handle: number, out: number, colorspace: number, chroma: number, options: number): void;
  _heif_image_get_width(image: number, channel: number): number;
  _heif_image_get_height(image: number, channel: number): number;
  _heif_image_get_plane_readonly(image: number, channel: number, stride: number): number;
  _heif_image_release(image: number): void;
  _heif_image_handle_get_color_profile_type(handle: number): number;
  _heif_image_handle_get_raw_color_profile_size(handle: number): number;
  _heif_image_handle_get_raw_color_profile(result: number, handle: number, out: number): void;
  _heif_image_handle_get_nclx_color_profile(result: number, handle: number, out: number): void;
  _heif_nclx_color_profile_free(profile: number): void;
  _malloc(size: number): number;
  _free(pointer: number): void;
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
}

type LibheifFactory = (options: {
  instantiateWasm: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) => object;
}) => LibheifModule;

const require = createRequire(import.meta.url);
let compiled: { factory: LibheifFactory; module: WebAssembly.Module } | undefined;

function loadLibheif(): LibheifModule {
  if (!compiled) {
    const factory = require('libheif-js/libheif-wasm/libheif.js') as LibheifFactory;
    const module = new WebAssembly.Module(readFileSync(require.resolve('libheif-js/libheif-wasm/libheif.wasm')));
    compiled = { factory, module };
  }
  const { factory, module } = compiled;
  return factory({
    instantiateWasm(imports, done) {
      const instance = new WebAssembly.Instance(module, imports);
      done(instance);
      return instance.exports;
    },
  });
}

const fourcc = (code: number): string => String.fromCharCode((code >>> 24) & 255, (code >>> 16) & 255, (code >>> 8) & 255, code & 255);

/** Why a HEIC file could not be decoded: `message` says it for the writer's reason line. */
class HeicError extends Error {
  override readonly name = 'HeicError';
}

/** The primary image's size, from the container alone (no pixel decoded). */
export function heicSize(bytes: Uint8Array): { width: number; height: number } {
  return withPrimaryImage(bytes, (lib, handle) => ({
    width: lib.heif_image_handle_get_width(handle),
    height: lib.heif_image_handle_get_height(handle),
  }));
}

/** What was decoded: the primary picture, or its thumbnail where that is large enough for the bound. */
export interface HeicPicture {
  decoded: DecodedHeic;
  /** The primary picture's size, upright, whichever was decoded. */
  width: number;
  height: number;
  from: 'primary' | 'thumbnail';
}

/**
 * Decodes the primary picture; with a bound, the smallest of its thumbnails that covers it
 * instead (a phone stores a ~320 × 240 one: for the embedding model's 224 px that is a few
 * thousandths of a 12-MP picture's decoding). A thumbnail that fails, or whose shape is not the
 * picture's (one stored without the picture's rotation), leaves the primary to be decoded.
 */
export function decodeHeic(bytes: Uint8Array, bound?: PictureBound): HeicPicture {
  return withPrimaryImage(bytes, (lib, handle) => {
    const primary = handle.$$?.ptr;
    if (primary === undefined) throw new HeicError('it has no primary picture');
    const width = lib._heif_image_handle_get_width(primary);
    const height = lib._heif_image_handle_get_height(primary);
    const thumbnail = bound ? thumbnailCovering(lib, primary, bound) : undefined;
    if (thumbnail !== undefined) {
      try {
        const decoded = decodeHandle(lib, thumbnail);
        if (Math.abs(decoded.width / decoded.height - width / height) <= 0.02 * (width / height))
          return { decoded, width, height, from: 'thumbnail' };
      } catch (error) {
        if (!(error instanceof HeicError)) throw error;
      } finally {
        lib._heif_image_handle_release(thumbnail);
      }
    }
    return { decoded: decodeHandle(lib, primary), width, height, from: 'primary' };
  });
}

/** The smallest thumbnail of the picture that covers the bound (a handle to release), if any. */
function thumbnailCovering(lib: LibheifModule, primary: number, bound: PictureBound): number | undefined {
  const most = 16;
  const ids = lib._malloc(4 * most);
  const out = lib._malloc(16);
  let best: { handle: number; pixels: number } | undefined;
  try {
    const count = Math.min(most, lib._heif_image_handle_get_list_of_thumbnail_IDs(primary, ids, most));
    for (let index = 0; index < count; index++) {
      lib._heif_image_handle_get_thumbnail(out, primary, lib.HEAP32[(ids >>> 2) + index] ?? 0, out + 12);
      if (lib.HEAP32[out >>> 2] !== 0) continue;
      const handle = (lib.HEAP32[(out + 12) >>> 2] ?? 0) >>> 0;
      const width = lib._heif_image_handle_get_width(handle);
      const height = lib._heif_image_handle_get_height(handle);
      if (coversBound(width, height, bound) && (!best || width * height < best.pixels)) {
        if (best) lib._heif_image_handle_release(best.handle);
        best = { handle, pixels: width * height };
      } else lib._heif_image_handle_release(handle);
    }
    return best?.handle;
  } finally {
    lib._free(out);
    lib._free(ids);
  }
}

/** Decodes one image (the primary or a thumbnail) to interleaved 8-bit RGB or RGBA, with its colour profile. */
function decodeHandle(lib: LibheifModule, handle: number): DecodedHeic {
  const alpha = lib._heif_image_handle_has_alpha_channel(handle) !== 0;
  const profile = colourProfile(lib, handle);
  const chroma = alpha ? lib.heif_chroma.heif_chroma_interleaved_RGBA : lib.heif_chroma.heif_chroma_interleaved_RGB;
  const interleaved = lib.heif_channel.heif_channel_interleaved.value;
  const result = lib._malloc(16);
  const out = lib._malloc(4);
  try {
    lib._heif_decode_image(result, handle, out, lib.heif_colorspace.heif_colorspace_RGB.value, chroma.value, 0);
    if (lib.HEAP32[result >>> 2] !== 0) throw new HeicError('its HEVC picture data could not be decoded');
    const image = (lib.HEAP32[out >>> 2] ?? 0) >>> 0;
    try {
      const width = lib._heif_image_get_width(image, interleaved);
      const height = lib._heif_image_get_height(image, interleaved);
      const plane = lib._heif_image_get_plane_readonly(image, interleaved, out) >>> 0;
      if (plane === 0 || width <= 0 || height <= 0) throw new HeicError('it holds no colour picture');
      const stride = lib.HEAP32[out >>> 2] ?? 0;
      const channels = alpha ? 4 : 3;
      const row = width * channels;
      const data = new Uint8Array(row * height);
      // Read after decoding: the module's memory may have grown, and HEAPU8 with it.
      const memory = lib.HEAPU8;
      for (let y = 0; y < height; y++) data.set(memory.subarray(plane + y * stride, plane + y * stride + row), y * row);
      return { data, width, height, channels, ...profile };
    } finally {
      lib._heif_image_release(image);
    }
  } finally {
    lib._free(out);
    lib._free(result);
  }
}

function withPrimaryImage<T>(
  bytes: Uint8Array,
  use: (lib: LibheifModule, handle: NonNullable<ReturnType<LibheifModule['heif_js_context_get_primary_image_handle']>>) => T,
): T {
  const lib = loadLibheif();
  const context = lib.heif_context_alloc();
  try {
    const read = lib.heif_context_read_from_memory(context, bytes);
    if (read.code.value !== 0) throw new HeicError(`its HEIF container is damaged (${read.message})`);
    const handle = lib.heif_js_context_get_primary_image_handle(context);
    if (!handle || handle.code) throw new HeicError('it has no primary picture');
    try {
      return use(lib, handle);
    } finally {
      lib.heif_image_handle_release(handle);
    }
  } finally {
    lib.heif_context_free(context);
  }
}

/** The ICC profile (prof, rICC), or Display P3 named by an nclx box (colour primaries 12). */
function colourProfile(lib: LibheifModule, handle: number): Pick<DecodedHeic, 'icc' | 'namedProfile'> {
  const type = fourcc(lib._heif_image_handle_get_color_profile_type(handle));
  const result = lib._malloc(16);
  try {
    if (type === 'prof' || type === 'rICC') {
      const size = lib._heif_image_handle_get_raw_color_profile_size(handle);
      if (size <= 0 || size > 4 * 1024 * 1024) return {};
      const out = lib._malloc(size);
      try {
        lib._heif_image_handle_get_raw_color_profile(result, handle, out);
        return lib.HEAP32[result >> 2] === 0 ? { icc: lib.HEAPU8.slice(out, out + size) } : {};
      } finally {
        lib._free(out);
      }
    }
    if (type === 'nclx') {
      const out = lib._malloc(4);
      try {
        lib._heif_image_handle_get_nclx_color_profile(result, handle, out);
        if (lib.HEAP32[result >> 2] !== 0) return {};
        const profile = lib.HEAP32[out >> 2] ?? 0;
        // struct heif_color_profile_nclx: uint8 version, then color_primaries (an enum) at offset 4.
        const primaries = lib.HEAP32[(profile + 4) >> 2];
        lib._heif_nclx_color_profile_free(profile);
        return primaries === 12 ? { namedProfile: 'p3' } : {};
      } finally {
        lib._free(out);
      }
    }
    return {};
  } finally {
    lib._free(result);
  }
}
