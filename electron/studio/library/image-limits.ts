/** The bounds every picture is held to before it reaches the model or the library. */
export interface ImageLimits {
  /**
   * Largest file accepted, in bytes.
   * @default 40 MB
   */
  maxBytes: number;
  /**
   * Most pixels (width × height) accepted. Checked from the header before decoding, because a
   * small file can declare billions of pixels and exhaust memory when decoded.
   * @default 40 megapixels
   */
  maxPixels: number;
  /**
   * Longest side of the working copy, in pixels: a picture within it keeps its own pixels, a
   * larger one is shrunk while decoding. The vision towers we run see 224 to 490 pixels; from a
   * 2048-pixel copy, PIL's bicubic resize to 490 (the original processors') lands within one
   * level of 255 of the same resize from the full 12-MP photo (from 1024: up to 3 levels).
   * @default 2048
   */
  longestSide: number;
}

export const DEFAULT_IMAGE_LIMITS: Readonly<ImageLimits> = {
  maxBytes: 40 * 1024 * 1024,
  maxPixels: 40_000_000,
  longestSide: 2048,
};
