/**
 * The smallest picture worth a figure. A 16 × 16 icon chosen as a figure showed as an empty
 * frame under the figure tools; anything under this on either side illustrates nothing. The
 * library still indexes such pictures (a search finds them, marked), it only never offers them.
 */
const SMALLEST_FIGURE_SIDE = 32;

export function tooSmallForFigure(picture: { width: number; height: number }): boolean {
  return picture.width < SMALLEST_FIGURE_SIDE || picture.height < SMALLEST_FIGURE_SIDE;
}
