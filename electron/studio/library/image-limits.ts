/** The bounds every picture is held to before it reaches the model or the library. */
export interface ImageLimits {
  /**
   * Largest file accepted, in bytes: a 200-MP camera JPEG at high quality is 60 to 120 MB.
   * @default 256 MB
   */
  maxBytes: number;
  /**
   * Most pixels (width × height) accepted. Checked from the header before decoding, because a
   * small file can declare billions of pixels and exhaust memory when decoded. The largest
   * camera sensors make 200 MP (16320 × 12240); more than 16384 × 16384 is a decompression bomb.
   * Photos within it are shrunk while decoding, so memory stays bounded whatever their size.
   * @default 268 megapixels (16384 × 16384)
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
  maxBytes: 256 * 1024 * 1024,
  maxPixels: 16384 * 16384,
  longestSide: 2048,
};
