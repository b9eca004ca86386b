/**
 * The writer's image library as the app uses it: one database in the app-data folder, the
 * folder last indexed, search with thumbnails, and library pictures as figure candidates.
 */
import path from 'node:path';
import type { ImageCandidate, CandidateSource } from '../compose/compose-types';
import { libraryCandidates } from '../compose/library-candidates';
import { ImageLibrary, indexFolder, modelDescriber, prepareImage, searchLibrary, type IndexProgress } from '../library';
import type { ModelSession } from '../model/model-session';
import type { IndexResult, LibraryPicture, LibraryState } from '../../contract/studio-api';
import type { SettingsStore } from './studio-settings';
import { PictureThumbnails, type SmallPicture } from './picture-thumbnails';
import { studioError } from './to-studio-error';
import { tooSmallForFigure } from '../library/figure-size';

export class StudioLibrary {
  private library: ImageLibrary | null = null;
  private readonly thumbnails = new PictureThumbnails<number>();

  constructor(
    private readonly file: string,
    private readonly settings: SettingsStore,
  ) {}

  private open(): ImageLibrary {
    this.library ??= ImageLibrary.open(this.file);
    return this.library;
  }

  state(): LibraryState {
    return { folder: this.settings.get().libraryFolder ?? null, pictures: this.open().imageCount() };
  }

  async index(
    folder: string,
    session: ModelSession,
    options: { signal: AbortSignal; onProgress: (progress: IndexProgress) => void },
  ): Promise<IndexResult> {
    const summary = await indexFolder(this.open(), path.resolve(folder), {
      describer: modelDescriber(session),
      signal: options.signal,
      onProgress: options.onProgress,
    });
    // Only a folder that could be read becomes the library's: a missing one must not claim its pictures after a reload.
    await this.settings.update({ libraryFolder: summary.folder });
    this.thumbnails.clear();
    return {
      described: summary.described + summary.duplicates,
      unchanged: summary.unchanged,
      removed: summary.removed,
      skipped: summary.skipped.length,
      cancelled: summary.cancelled,
    };
  }

  /** Words and, when a model is loaded, meaning. */
  async search(query: string, limit: number, session: ModelSession | null): Promise<LibraryPicture[]> {
    if (!query.trim()) return [];
    const matches = await searchLibrary(this.open(), query, {
      limit,
      ...(session?.info.embeddings ? { describer: modelDescriber(session) } : {}),
    });
    return matches.map((match) => ({
      id: match.id,
      fileName: path.basename(match.path),
      caption: match.caption,
      width: match.width,
      height: match.height,
      tooSmallForFigure: tooSmallForFigure(match),
    }));
  }

  candidates(session: ModelSession): CandidateSource {
    return libraryCandidates(this.open(), modelDescriber(session));
  }

  isEmpty(): boolean {
    return this.open().imageCount() === 0;
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

  close(): void {
    this.library?.close();
    this.library = null;
  }
}
