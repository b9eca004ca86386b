/**
 * The Studio API: everything the renderer may ask of the studio. The renderer imports this
 * file with `import type` only; main (Electron, over IPC) and the headless server (over a
 * WebSocket) implement it with one service, which validates every request against
 * studio-schemas.ts before anything touches disk or the model.
 *
 * Long calls (compose, edits, ask, indexing, downloads, export) take a `jobId` chosen by the
 * caller: progress arrives as `job-progress` events carrying it, `cancelJob(jobId)` stops the
 * call, and the returned promise settles with the result (finished work kept) or an error.
 *
 * The types of model setup, the library, conversion and evaluation live in files beside this one;
 * importers take every Studio API type from here.
 */
import type { ArticleDocument } from './article-document';
import type { ExportFormat } from './export-formats';
import type {
  CatalogChoice,
  ConversionChoice,
  DownloadProgress,
  ModelFilesCheck,
  ModelSetup,
  ModelSource,
  ModelStatus,
} from './model-setup';
import type { BackgroundCaptions, IndexResult, LibraryFolderState, LibraryPicture, LibraryState } from './library';
import type { ConvertedModel, ConvertRequest, EvaluateRequest, EvaluationSummary } from './convert-and-evaluate';
import type { StudioError } from './studio-error';

export type { ArticleDocument, BlockNode, FigureAttrs, FigureNode } from './article-document';
export type { CatalogChoice, ConversionChoice, DownloadProgress, ModelFilesCheck, ModelSetup, ModelSource, ModelStatus };
export type { BackgroundCaptions, IndexResult, LibraryFolderState, LibraryPicture, LibraryState };
export type { ConvertedModel, ConvertRequest, EvaluateRequest, EvaluationSummary };
export type { StudioError };

// ---------------------------------------------------------------- workspace and projects

export interface ProjectInfo {
  /** The project folder (*.folio). */
  dir: string;
  title: string;
  /** Folio named it (the first-run project, or New without a title): its first save names it after the article's first heading. */
  untitled: boolean;
}

export interface Workspace {
  project: ProjectInfo;
  document: ArticleDocument;
  /** Problems found on opening (missing pictures, recovered autosave) in words. */
  warnings: string[];
  /** Work recovered from an autosave newer than the last save. */
  recovered: boolean;
  recentProjects: Array<{ dir: string; title: string; openedAt: string }>;
}

/** What a save did: an autosave only says when; a save says the project as it is now (an untitled one takes its heading's name) and the recent list it joined. */
export interface SavedDocument {
  savedAt: string;
  project?: ProjectInfo;
  recentProjects?: Workspace['recentProjects'];
}

export interface ImportedImage {
  assetId: string;
  mimeType: string;
  width: number;
  height: number;
}

export type { ExportFormat };

// ---------------------------------------------------------------- compose, edit, ask

export interface ComposeRequest {
  jobId: string;
  outline: string;
  /** Pictures already imported into the project (importImage). */
  referenceAssetIds: string[];
  /** 1 to 15, or null for automatic. */
  figures: number | null;
  /** Take candidates from the indexed library (when it has pictures). */
  useLibrary: boolean;
  seed?: number;
}

export type ParagraphAction = 'rewrite' | 'expand' | 'shorten' | 'insert-before' | 'insert-after';

export interface EditParagraphRequest {
  jobId: string;
  document: ArticleDocument;
  /** Index among the document's paragraphs (headings and figures not counted). */
  paragraphIndex: number;
  action: ParagraphAction;
  /** For expand: facts or notes to work in. */
  material?: string;
  seed?: number;
}

export type FigureAction =
  | { kind: 'swap'; candidate: number }
  | { kind: 'replace'; libraryImageId: number }
  | { kind: 'retitle' }
  | { kind: 'rechoose' }
  | { kind: 'recaption' };

export interface FigureActionRequest {
  jobId: string;
  document: ArticleDocument;
  /** Index among the document's figures. */
  figureIndex: number;
  action: FigureAction;
  seed?: number;
}

export interface AskRequest {
  jobId: string;
  question: string;
  /** A picture in the project (pasted, dropped or picked, then importImage). */
  imageAssetId?: string;
  /** The article, as context for the question. */
  document?: ArticleDocument;
  seed?: number;
}

/** Model edits return the whole document; the editor applies the difference as one undoable step. */
export interface EditedDocument {
  document: ArticleDocument;
  cancelled: boolean;
  /** What went wrong after the article was written (the work is kept; failed figures are empty with their reason). */
  notice?: string;
}

// ---------------------------------------------------------------- events

export type JobProgress =
  | {
      kind: 'compose';
      step: 'write' | 'place' | 'title' | 'retrieve' | 'choose' | 'caption' | 'edit';
      slot: number | null;
      slots: number | null;
      tokens: number;
      textDelta: string | null;
      /** The engine's generation pace in this compose; null until measured. */
      tokensPerSecond: number | null;
      /** Time left for the whole compose at the speeds measured so far; null until they are. */
      secondsLeft: number | null;
    }
  | { kind: 'edit'; tokens: number }
  | { kind: 'ask'; textDelta: string }
  | {
      kind: 'index';
      phase: 'scanning' | 'embedding';
      done: number;
      total: number;
      current: string | null;
      skipped: number;
      /** Pictures a second so far (embedding). */
      perSecond: number | null;
    }
  | { kind: 'download'; progress: DownloadProgress }
  | { kind: 'export'; stage: string; fraction: number | null }
  | { kind: 'evaluate'; done: number; total: number; perSecond: number | null; secondsLeft: number | null }
  | { kind: 'convert'; step: 'decoder' | 'adapter' | 'projector' | 'quantize'; fraction: number };

export type StudioEvent =
  | { type: 'model-status'; status: ModelStatus }
  | { type: 'job-progress'; jobId: string; progress: JobProgress }
  | { type: 'library-changed'; library: LibraryState }
  /** The desktop app's menu (File > Save, …): the page owns the document, so it acts. */
  | { type: 'menu-command'; command: MenuCommand }
  /**
   * The page's own WebSocket client, never the server: the connection dropped and could not be
   * opened again, so the studio has stopped (a studio started again has a new address and token).
   */
  | { type: 'studio-stopped' };

export type MenuCommand = 'new-project' | 'open-project' | 'import-article' | 'save' | 'save-as' | 'export';

// ---------------------------------------------------------------- the API

export interface StudioCapabilities {
  /** 'electron' (native dialogs, custom protocol) or 'browser' (the headless server). */
  shell: 'electron' | 'browser';
  /** Native open/save dialogs: without them the UI asks for paths as text. */
  nativeDialogs: boolean;
  /** The picture types the studio reads (native-models' one table), for the file pickers' `accept` lists. */
  pictureTypes: PictureFileType[];
}

/** A picture type as a file picker knows it. */
export interface PictureFileType {
  /** As a writer knows it: "HEIC". */
  name: string;
  mimeType: string;
  /** Lower case, with the dot: ".heic". Chromium gives some types (HEIC) no MIME type, so pickers need these. */
  extensions: string[];
}

export type PickPurpose =
  | 'decoder'
  | 'projector'
  | 'library-folder'
  | 'open-project'
  | 'save-project'
  | 'export'
  | 'benchmark'
  | 'checkpoint-folder'
  | 'import-article';

/** A folder the picker may show, and everything inside it: home, the app-data folder and its projects and models folders. */
export interface PickerRoot {
  label: string;
  path: string;
}

export interface FolderEntry {
  name: string;
  /** 'project': a Folio project folder (a .folio folder or one with project.json); the picker opens it instead of entering it. */
  kind: 'folder' | 'project' | 'file';
  /** Bytes, files only. */
  size?: number;
  /** ISO time of the last change. */
  modified?: string;
}

export interface ListFolderRequest {
  /** A full path or ~/…; the picker's first root (home) when left out. A file lists its folder, with the file selected. */
  path?: string;
  purpose: PickPurpose;
  /** For 'export': files of this format are shown (to be replaced); other files are not. */
  format?: ExportFormat;
  /** @default false */
  showHidden?: boolean;
}

export interface FolderListing {
  /** The folder's real path (symlinks resolved). */
  path: string;
  /** null at a root: the picker goes no higher. */
  parent: string | null;
  /** The root this folder is in, and all of them for the side list. */
  root: PickerRoot;
  roots: PickerRoot[];
  /** Folders first, then files, each by name; at most FOLDER_LISTING_LIMIT. */
  entries: FolderEntry[];
  /** How many entries were left out past the limit. */
  more: number;
  /** The file the request named, when it named a file. */
  selected: string | null;
}

/** The request/response methods: what crosses IPC or the WebSocket. */
export interface StudioMethods {
  capabilities(): Promise<StudioCapabilities>;

  modelSetup(): Promise<ModelSetup>;
  modelStatus(): Promise<ModelStatus>;
  checkModelFiles(request: { decoder: string; projector: string | null }): Promise<ModelFilesCheck>;
  /**
   * Loads (or switches to) a model; progress arrives as model-status events. `fullPrecision`:
   * float32 KV cache and no flash attention, slower, for checking a conversion against a reference.
   */
  loadModel(request: { source: ModelSource; fullPrecision?: boolean }): Promise<ModelStatus>;
  /** Stops a model load in progress; the studio then has no model. */
  cancelModelLoad(): Promise<ModelStatus>;
  /** Downloads a catalog entry into the models folder; cancelJob pauses it (the partial files are kept). */
  downloadModel(request: { jobId: string; id: string }): Promise<{ completed: boolean }>;

  openWorkspace(): Promise<Workspace>;
  /** Autosave (every few seconds while editing) and save (Ctrl+S). */
  saveDocument(request: { document: ArticleDocument; mode: 'autosave' | 'save' }): Promise<SavedDocument>;
  /** With a jobId, cancelJob stops these three (the open project stays; nothing half-made is left). */
  newProject(request: { title: string; jobId?: string }): Promise<Workspace>;
  openProject(request: { dir: string; jobId?: string }): Promise<Workspace>;
  saveProjectAs(request: { document: ArticleDocument; dir: string; jobId?: string }): Promise<Workspace>;
  /** Import: a Markdown (.md, .markdown) or text file as a new project, pictures included (the open one stays as it was); `warnings` names pictures left out. Cancellable as the three above. */
  importArticle(request: { path: string; jobId?: string }): Promise<Workspace>;
  /**
   * Pasted Markdown, read as Import reads a file (headings, lists, quotes, links, emphasis,
   * pictures as figures); `leftOut` names pictures that could not come along (from the web or
   * another file), whose figures say so.
   */
  readMarkdown(request: { markdown: string }): Promise<{ document: ArticleDocument; leftOut: string[] }>;
  /** A pasted, dropped or picked picture: checked, then stored in the project's assets. */
  importImage(request: { fileName: string; dataBase64: string }): Promise<ImportedImage>;
  exportArticle(request: { jobId: string; document: ArticleDocument; format: ExportFormat; path: string }): Promise<{ path: string }>;

  compose(request: ComposeRequest): Promise<EditedDocument>;
  editParagraph(request: EditParagraphRequest): Promise<EditedDocument>;
  figureAction(request: FigureActionRequest): Promise<EditedDocument>;
  ask(request: AskRequest): Promise<{ answer: string; cancelled: boolean }>;

  libraryState(): Promise<LibraryState>;
  indexLibrary(request: { jobId: string; folder: string }): Promise<IndexResult>;
  searchLibrary(request: { query: string; limit: number }): Promise<LibraryPicture[]>;
  /** Takes a folder out of the library (its pictures go unless a copy lies in another indexed folder). */
  removeLibraryFolder(request: { folder: string }): Promise<LibraryState>;
  /** Switches the background captioner on or off (kept in the settings). */
  setBackgroundCaptions(request: { on: boolean }): Promise<LibraryState>;

  /** Asks the loaded model a benchmark; answers are kept as they come, so a cancelled run continues. */
  evaluateModel(request: EvaluateRequest): Promise<EvaluationSummary>;

  /** Converts an XComposer2 checkpoint; a cancelled conversion leaves nothing behind. */
  convertModel(request: ConvertRequest): Promise<ConvertedModel>;

  cancelJob(request: { jobId: string }): Promise<void>;
  /** Native dialogs (Electron only); null when the writer cancels. */
  pickPath(request: { purpose: PickPurpose; defaultPath?: string }): Promise<string | null>;
  /** The browser studio's picker: one folder's contents, only inside home and the app's folders (else `outside-allowed-folders`). */
  listFolder(request: ListFolderRequest): Promise<FolderListing>;
  /** The picker's New folder: `name` made inside `path` (same limits as listFolder); its real path. */
  createFolder(request: { path: string; name: string }): Promise<{ path: string }>;
}

export type StudioMethodName = keyof StudioMethods;
export type StudioParams<M extends StudioMethodName> = Parameters<StudioMethods[M]> extends [infer P] ? P : undefined;
export type StudioResult<M extends StudioMethodName> = Awaited<ReturnType<StudioMethods[M]>>;

/** What `window.studio` is, in Electron (preload) and in a browser (WebSocket client). */
export interface StudioApi extends StudioMethods {
  /** Events pushed by the studio; returns the unsubscribe function. */
  onEvent(listener: (event: StudioEvent) => void): () => void;
  /** Where the renderer loads a project picture from (custom protocol or the server's /assets). */
  assetUrl(assetId: string): string;
  /** A project picture made small (at most 320 px), for strips and previews: a camera photo is megabytes. */
  assetThumbnailUrl(assetId: string): string;
  /** A library picture's thumbnail. */
  libraryThumbnailUrl(id: number): string;
}

/** The wire format shared by the Electron IPC bridge and the WebSocket. */
export type WireMessage =
  | { type: 'request'; id: number; method: StudioMethodName; params: unknown }
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: StudioError }
  | { type: 'event'; event: StudioEvent }
  /** The WebSocket's first message: where this page loads pictures from (a key that opens pictures only). */
  | { type: 'session'; picturesPath: string };
