/** The Studio API's view of the writer's image library. */

export interface LibraryState {
  /** The folder indexed last. */
  folder: string | null;
  pictures: number;
  /** Every folder indexed, with what the library holds from it. */
  folders: LibraryFolderState[];
  /** The image-embedding model that search and indexing use; `demo`: the demo's random one (results mean nothing). */
  embeddingModel: { name: string; demo: boolean } | null;
  /** Pictures without a caption yet (captions come later, in the background, or when a figure is chosen). */
  uncaptioned: number;
  /**
   * What the first search needs (the picture-search model's text half, the pictures' vectors) is
   * being loaded ahead, so that search answers at once; a search asked meanwhile waits for it.
   */
  preparingSearch: boolean;
  /** The background captioner: captions for the library's pictures while the model is idle, so search by words improves. */
  captions: BackgroundCaptions;
}

export interface BackgroundCaptions {
  /** The writer's switch (kept in the settings); off pauses it. */
  on: boolean;
  /**
   * `captioning` a picture now; `waiting` for the model to be idle; `paused` (switched off);
   * `done` (nothing left); `unavailable` (see `note`).
   */
  activity: 'captioning' | 'waiting' | 'paused' | 'done' | 'unavailable';
  /** Why captions cannot be written now, in words (no model, the demo model, a model that does not see pictures). */
  note: string | null;
  /** Pictures still to caption. */
  left: number;
  /** Pictures it gave up on (unreadable, or the model failed on them three times). */
  failed: number;
}

export interface LibraryFolderState {
  path: string;
  /** Milliseconds since the epoch; null while its first index has not finished. */
  indexedAt: number | null;
  pictures: number;
  duplicates: number;
  skipped: number;
  /** The first files left out, with the reason in words. */
  skippedFiles: SkippedFile[];
}

interface SkippedFile {
  path: string;
  reason: string;
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
  /** Pictures new to the library. */
  added: number;
  /** Pictures from before that got their embedding (an older library, another embedding model). */
  embedded: number;
  /** Files whose picture was already in the library, merged into it; the first few listed. */
  duplicates: number;
  duplicateFiles: Array<{ path: string; sameAs: string }>;
  unchanged: number;
  removed: number;
  skipped: number;
  skippedFiles: SkippedFile[];
  cancelled: boolean;
  /** Pictures handled per second (decoding and embedding), when there were any. */
  picturesPerSecond: number | null;
}
