import type { FigureAction, LibraryPicture } from '@contract/studio-api';

/** What the figure extension takes from the app (its own file: the figure view reads it too). */
export interface FigureOptions {
  /**
   * Where a project picture is loaded from (the Studio API's assetUrl); also used for the
   * HTML put on the clipboard.
   * @default () => ''
   */
  assetUrl: (assetId: string) => string;
  /**
   * Draw figures with the React node view (off for headless editors, e.g. in tests).
   * @default true
   */
  interactive: boolean;
  /**
   * Where a candidate's thumbnail is loaded from (the Studio API's assetThumbnailUrl).
   * @default () => ''
   */
  assetThumbnailUrl: (assetId: string) => string;
  /**
   * Where a library picture's thumbnail is loaded from (the Studio API's libraryThumbnailUrl).
   * @default () => ''
   */
  libraryThumbnailUrl: (libraryImageId: number) => string;
  /**
   * Runs a figure's button (swap, recaption, retitle, rechoose, replace) for the figure at `position`.
   * @default async () => {}
   */
  changeFigure: (position: number, action: FigureAction) => Promise<void>;
  /**
   * The library pictures for a figure's "Replace from library" box.
   * @default async () => []
   */
  findLibraryPictures: (query: string) => Promise<LibraryPicture[]>;
  /**
   * A React hook the figure view calls: whether the model is working on the figure at
   * `position` (busy) or on any figure (anotherBusy, which disables the buttons).
   * @default () => ({ busy: false, anotherBusy: false })
   */
  useFigureEdit: (position: number | undefined) => { busy: boolean; anotherBusy: boolean };
}
