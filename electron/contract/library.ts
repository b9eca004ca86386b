/** The Studio API's view of the writer's image library. */

export interface LibraryState {
  folder: string | null;
  pictures: number;
}

export interface LibraryPicture {
  id: number;
  fileName: string;
  caption: string;
  width: number;
  height: number;
  /** Kept in the library but never a figure (see studio/library/figure-size.ts): the library shows why. */
  tooSmallForFigure: boolean;
}

export interface IndexResult {
  described: number;
  unchanged: number;
  removed: number;
  skipped: number;
  cancelled: boolean;
}
