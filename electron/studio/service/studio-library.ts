/**
 * The writer's image library as the app uses it: one database in the app-data folder, the
 * folders indexed, the image-embedding model in its worker thread (started on first use),
 * search with thumbnails, library pictures as figure candidates, and the background captioner.
 */
import path from 'node:path';
import type { ImageCandidate, CandidateSource } from '../compose/compose-types';
import { libraryCandidates } from '../compose/library-candidates';
import { ImageLibrary, PictureEmbedder, indexFolder, prepareImage, searchLibrary, type IndexProgress } from '../library';
import type { EmbeddingModelChoice } from '../library/find-embedding-model';
import { SKIP_REASON_TEXT } from '../library/library-error';
import { modelSearchPhrase } from '../library/model-search-phrase';
import type { ModelSession } from '../model/model-session';
import type { IndexResult, LibraryPicture, LibraryState } from '../../contract/studio-api';
import type { SettingsStore } from './studio-settings';
import { PictureThumbnails, type SmallPicture } from './picture-thumbnails';
import { studioError } from './to-studio-error';
import { tooSmallForFigure } from '../library/figure-size';
import { BackgroundCaptioner, type BackgroundCaptionerOptions } from '../library/background-captioner';

/** What the background captioner needs from the studio (see BackgroundCaptionerOptions). */
export type StudioCaptionerOptions = Pick<BackgroundCaptionerOptions, 'describer' | 'modelUse' | 'onChange' | 'quietMs'>;

/** Listed per folder and per index run; the counts say how many more. */
const FILES_LISTED = 50;

export class StudioLibrary {
  private library: ImageLibrary | null = null;
  private embedder: Promise<{ embedder: PictureEmbedder; choice: EmbeddingModelChoice }> | null = null;
  private readonly thumbnails = new PictureThumbnails<number>();
  private readonly captioner: BackgroundCaptioner;
  private searchPrepared: Promise<void> | null = null;
  private preparingSearch = false;
  private readonly onChange: () => void;

  constructor(
    private readonly file: string,
    private readonly settings: SettingsStore,
    private readonly embeddingModel: () => Promise<EmbeddingModelChoice>,
    captions: StudioCaptionerOptions,
  ) {
    this.captioner = new BackgroundCaptioner({ ...captions, library: () => this.open(), on: settings.get().backgroundCaptions !== false });
    this.onChange = captions.onChange;
  }

  /**
   * Loads what the first search needs ahead (the model's text tower, the vectors): on a real
   * library that took 24 s under load when the first search did it. Started when the library is
   * opened (its state asked for); a failure is left to the search, which tries again and says why.
   */
  prepareSearch(): Promise<void> {
    if (this.open().imageCount() === 0) return Promise.resolve();
    this.searchPrepared ??= (async () => {
      this.setPreparingSearch(true);
      try {
        const embedder = await this.pictureEmbedder();
        await embedder.embedTexts(['']);
        this.open().prepareSearch();
      } catch {
        this.searchPrepared = null;
      } finally {
        this.setPreparingSearch(false);
      }
    })();
    return this.searchPrepared;
  }

  private setPreparingSearch(preparing: boolean): void {
    this.preparingSearch = preparing;
    this.onChange();
  }

  /** Starts the background captioner (it waits for a model and for the writer to leave it alone). */
  startCaptions(): void {
    this.captioner.start();
  }

  /** Something the captioner waits for changed (a model loaded or lost). */
  wakeCaptions(): void {
    this.captioner.wake();
  }

  /** Stops the background captioner for good (the studio is closing). */
  stopCaptions(): Promise<void> {
    return this.captioner.close();
  }

  async setCaptionsOn(on: boolean): Promise<LibraryState> {
    await this.settings.update({ backgroundCaptions: on });
    this.captioner.setOn(on);
    return this.state();
  }

  private open(): ImageLibrary {
    this.library ??= ImageLibrary.open(this.file);
    return this.library;
  }

  /** The image-embedding model, started once; a failed start is tried again next time. */
  private async pictureEmbedder(): Promise<PictureEmbedder> {
    this.embedder ??= (async () => {
      const choice = await this.embeddingModel();
      return { embedder: await PictureEmbedder.start(choice.dir), choice };
    })();
    try {
      return (await this.embedder).embedder;
    } catch (error) {
      this.embedder = null;
      throw error;
    }
  }

  async state(): Promise<LibraryState> {
    const library = this.open();
    const started = await this.embedder?.catch(() => null);
    return {
      folder: this.settings.get().libraryFolder ?? null,
      pictures: library.imageCount(),
      folders: library.folders().map((folder) => ({
        path: folder.path,
        indexedAt: folder.indexedAt,
        pictures: folder.pictures,
        duplicates: folder.duplicates,
        skipped: folder.skipped,
        skippedFiles: library
          .skippedUnder(folder.path, FILES_LISTED)
          .map((skip) => ({ path: skip.path, reason: SKIP_REASON_TEXT[skip.reason] })),
      })),
      embeddingModel: started ? { name: started.embedder.description.name, demo: started.choice.demo } : null,
      uncaptioned: library.uncaptionedCount(),
      captions: this.captioner.state(),
      preparingSearch: this.preparingSearch,
    };
  }

  async index(folder: string, options: { signal: AbortSignal; onProgress: (progress: IndexProgress) => void }): Promise<IndexResult> {
    const embedder = await this.pictureEmbedder();
    const started = performance.now();
    const summary = await indexFolder(this.open(), path.resolve(folder), {
      embedder,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    // Only a folder that could be read becomes the library's: a missing one must not claim its pictures after a reload.
    await this.settings.update({ libraryFolder: summary.folder });
    this.thumbnails.clear();
    this.captioner.wake();
    const handled = summary.added + summary.embedded + summary.duplicates.length;
    const seconds = (performance.now() - started) / 1000;
    return {
      added: summary.added,
      embedded: summary.embedded,
      duplicates: summary.duplicates.length,
      duplicateFiles: summary.duplicates.slice(0, FILES_LISTED),
      unchanged: summary.unchanged,
      removed: summary.removed,
      skipped: summary.skipped.length,
      skippedFiles: summary.skipped.slice(0, FILES_LISTED).map((skip) => ({ path: skip.path, reason: SKIP_REASON_TEXT[skip.reason] })),
      cancelled: summary.cancelled,
      picturesPerSecond: handled > 0 && seconds > 0 ? handled / seconds : null,
    };
  }

  async removeFolder(folder: string): Promise<LibraryState> {
    const library = this.open();
    const known = library.folders().some((entry) => entry.path === folder);
    if (!known) throw studioError('invalid-request', `This folder is not in the library: ${folder}`);
    library.removeFolder(folder);
    if (this.settings.get().libraryFolder === folder) await this.settings.update({ libraryFolder: library.folders()[0]?.path });
    this.thumbnails.clear();
    return this.state();
  }

  /** By meaning (the image-embedding model; a title in another script through the loaded model's English phrase) and by words. */
  async search(query: string, limit: number, session: ModelSession | null): Promise<LibraryPicture[]> {
    if (!query.trim()) return [];
    const library = this.open();
    const embedder = library.imageCount() > 0 ? await this.pictureEmbedder() : undefined;
    const phrase = session ? await modelSearchPhrase(session)(query) : null;
    const matches = await searchLibrary(library, phrase ?? query, { limit, embedder });
    return matches.map((match) => ({
      id: match.id,
      fileName: path.basename(match.path),
      caption: match.caption,
      width: match.width,
      height: match.height,
      tooSmallForFigure: tooSmallForFigure(match),
    }));
  }

  async candidates(session: ModelSession): Promise<CandidateSource> {
    return libraryCandidates(this.open(), await this.pictureEmbedder(), modelSearchPhrase(session));
  }

  isEmpty(): boolean {
    return this.open().imageCount() === 0;
  }

  /** A caption the compose wrote for a library picture it chose: the library keeps it for word search. */
  keepCaption(sha256: string, caption: string): void {
    const library = this.open();
    const id = library.imageWithHash(sha256);
    if (id !== undefined && caption.trim() && library.imageById(id)?.caption === '') library.setCaption(id, caption.trim());
  }

  async candidate(id: number): Promise<ImageCandidate> {
    const image = this.open().imageById(id);
    if (!image) throw studioError('picture-missing', 'That picture is no longer in the library.');
    if (tooSmallForFigure(image))
      throw studioError(
        'picture-too-small',
        `${path.basename(image.path)} is too small for a figure (${image.width} × ${image.height} pixels).`,
      );
    const prepared = await prepareImage({ path: image.path }).catch(() => {
      throw studioError('picture-missing', `The picture could not be read any more: ${path.basename(image.path)}`);
    });
    return {
      id: image.sha256,
      image: { bytes: prepared.bytes, mimeType: prepared.mimeType },
      original: { path: image.path },
      provenance: 'library',
      caption: image.caption,
    };
  }

  async thumbnail(id: number): Promise<SmallPicture | null> {
    return this.thumbnails.get(id, async () => this.open().imageById(id)?.path ?? null);
  }

  async close(): Promise<void> {
    await this.captioner.close();
    const started = this.embedder;
    this.embedder = null;
    await (await started?.catch(() => null))?.embedder.close();
    this.library?.close();
    this.library = null;
  }
}
