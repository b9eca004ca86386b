/** How large the decoded pixels may be; a picture already within it keeps its own pixels. */
export type PictureBound = { longestSide: number } | { shortestSide: number };

/**
 * Whether a picture of this size is large enough for the bound: shrinking it to the bound needs
 * no enlargement, so a smaller copy of a picture (a HEIC's thumbnail) gives the same pixels as
 * the full picture would, up to the resize.
 */
export function coversBound(width: number, height: number, bound: PictureBound): boolean {
  return 'longestSide' in bound ? Math.max(width, height) >= bound.longestSide : Math.min(width, height) >= bound.shortestSide;
}
