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
  heif_image_handle_has_alpha_channel(handle: object): number;
  heif_image_handle_release(handle: object): void;
  heif_js_decode_image2(
    handle: object,
    colorspace: unknown,
    chroma: unknown,
  ): {
    code?: unknown;
    image: object;
    channels: Array<{ id: { value: number }; data: Uint8Array; stride: number; width: number; height: number }>;
  } | null;
  heif_image_release(image: object): void;
  heif_colorspace: { heif_colorspace_RGB: unknown };
  heif_chroma: { heif_chroma_interleaved_RGB: unknown; heif_chroma_interleaved_RGBA: unknown };
  heif_channel: { heif_channel_interleaved: { value: number } };
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

export function decodeHeic(bytes: Uint8Array): DecodedHeic {
  return withPrimaryImage(bytes, (lib, handle) => {
    const alpha = lib.heif_image_handle_has_alpha_channel(handle) !== 0;
    const profile = colourProfile(lib, handle.$$?.ptr);
    const chroma = alpha ? lib.heif_chroma.heif_chroma_interleaved_RGBA : lib.heif_chroma.heif_chroma_interleaved_RGB;
    const image = lib.heif_js_decode_image2(handle, lib.heif_colorspace.heif_colorspace_RGB, chroma);
    if (!image || image.code) throw new HeicError('its HEVC picture data could not be decoded');
    try {
      const plane = image.channels.find((channel) => channel.id.value === lib.heif_channel.heif_channel_interleaved.value);
      if (!plane) throw new HeicError('it holds no colour picture');
      const channels = alpha ? 4 : 3;
      const row = plane.width * channels;
      const data = new Uint8Array(row * plane.height);
      for (let y = 0; y < plane.height; y++) data.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
      return { data, width: plane.width, height: plane.height, channels, ...profile };
    } finally {
      lib.heif_image_release(image.image);
    }
  });
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
function colourProfile(lib: LibheifModule, handle: number | undefined): Pick<DecodedHeic, 'icc' | 'namedProfile'> {
  if (handle === undefined) return {};
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
