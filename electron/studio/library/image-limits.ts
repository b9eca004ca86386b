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
   * Longest side of the prepared copy, in pixels. The vision projectors we run see 224 to 490
   * pixels, so more only costs memory and transfer time.
   * @default 1024
   */
  longestSide: number;
}

export const DEFAULT_IMAGE_LIMITS: Readonly<ImageLimits> = {
  maxBytes: 40 * 1024 * 1024,
  maxPixels: 40_000_000,
  longestSide: 1024,
};
