/**
 * The writer's image library as the app uses it: one database in the app-data folder, the
 * folder last indexed, search with thumbnails, and library pictures as figure candidates.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { ImageCandidate, CandidateSource } from '../compose/compose-types';
import { libraryCandidates } from '../compose/library-candidates';
import { ImageLibrary, indexFolder, modelDescriber, prepareImage, searchLibrary, type IndexProgress } from '../library';
import type { ModelSession } from '../model/model-session';
import type { IndexResult, LibraryPicture, LibraryState } from '../../contract/studio-api';
import type { SettingsStore } from './studio-settings';
import { studioError } from './to-studio-error';

const THUMBNAIL_PX = 320;
const THUMBNAILS_KEPT = 400;

export class StudioLibrary {
  private library: ImageLibrary | null = null;
  private readonly thumbnails = new Map<number, Buffer>();

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

  async index(folder: string, session: ModelSession, options: { signal: AbortSignal; onProgress: (progress: IndexProgress) => void }): Promise<IndexResult> {
    await this.settings.update({ libraryFolder: path.resolve(folder) });
    const summary = await indexFolder(this.open(), path.resolve(folder), { describer: modelDescriber(session), signal: options.signal, onProgress: options.onProgress });
    this.thumbnails.clear();
    return { described: summary.described + summary.duplicates, unchanged: summary.unchanged, removed: summary.removed, skipped: summary.skipped.length, cancelled: summary.cancelled };
  }

  /** Words and, when a model is loaded, meaning. */
  async search(query: string, limit: number, session: ModelSession | null): Promise<LibraryPicture[]> {
    if (!query.trim()) return [];
    const matches = await searchLibrary(this.open(), query, { limit, ...(session?.info.embeddings ? { describer: modelDescriber(session) } : {}) });
    return matches.map((match) => ({ id: match.id, fileName: path.basename(match.path), caption: match.caption, width: match.width, height: match.height }));
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
    const prepared = await prepareImage({ path: image.path }).catch(() => {
      throw studioError('picture-missing', `The picture could not be read any more: ${path.basename(image.path)}`);
    });
    return { id: image.sha256, image: { bytes: prepared.bytes, mimeType: prepared.mimeType }, original: { path: image.path }, provenance: 'library', caption: image.caption };
  }

  async thumbnail(id: number): Promise<{ bytes: Buffer; mimeType: string } | null> {
    const cached = this.thumbnails.get(id);
    if (cached) return { bytes: cached, mimeType: 'image/jpeg' };
    const image = this.open().imageById(id);
    if (!image) return null;
    try {
      const bytes = await sharp(image.path, { limitInputPixels: 40_000_000 }).rotate().resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
      if (this.thumbnails.size >= THUMBNAILS_KEPT) this.thumbnails.delete(this.thumbnails.keys().next().value as number);
      this.thumbnails.set(id, bytes);
      return { bytes, mimeType: 'image/jpeg' };
    } catch {
      return null;
    }
  }

  close(): void {
    this.library?.close();
    this.library = null;
  }
}
