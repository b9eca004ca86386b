/**
 * The writer's image library: the database on disk and, once a search needs them, every picture
 * embedding in memory (an EmbeddingMatrix), kept in step with each write made here and
 * re-synchronised when another process (the app, `folio index`) has written in between.
 * Every write is one transaction, so a crash never leaves half an image behind.
 */
import path from 'node:path';
import { blobToEmbedding, embeddingToBlob } from './embedding-blob';
import { EmbeddingMatrix, type SimilarImage } from './embedding-matrix';
import { fileNameWords } from './file-name-words';
import type { ImageSkipReason } from './library-error';
import { asLibraryError, openLibraryDatabase, type LibraryDatabase } from './open-library-database';
import { prepareStatements, type LibraryStatements } from './library-statements';
import { CAPTION_TRIES } from './library-schema';
import type { SourceFormat } from './prepare-image';
import type { FileFacts, KnownFile, LibraryFolder, LibraryImage } from './library-records';

export interface NewImage {
  sha256: string;
  byteSize: number;
  format: SourceFormat;
  width: number;
  height: number;
  caption: string;
  embedding: { model: string; vector: ArrayLike<number> } | null;
}

export interface EmbeddingModel {
  model: string;
  dimensions: number;
}

export class ImageLibrary {
  /** Null until the first vector search: indexing alone never loads all embeddings. */
  private matrix: EmbeddingMatrix | null = null;
  private matrixModel: string | null = null;
  private seenDataVersion = -1;

  private constructor(
    readonly file: string,
    private readonly db: LibraryDatabase,
    private readonly sql: LibraryStatements,
  ) {}

  static open(file: string): ImageLibrary {
    const db = openLibraryDatabase(file);
    try {
      return new ImageLibrary(file, db, prepareStatements(db));
    } catch (error) {
      db.close();
      throw asLibraryError(error, file);
    }
  }

  close(): void {
    this.db.close();
    this.matrix = null;
  }

  /** Every file known under `folder` (recursively), by path. */
  filesUnder(folder: string): Map<string, KnownFile> {
    return new Map(this.sql.filesBetween.all(...pathRange(folder)).map((row) => [row.path, row]));
  }

  /** Runs `work` as one transaction (a batch of pictures committed together). */
  inOneTransaction(work: () => void): void {
    this.db.transaction(work)();
  }

  addFolder(folder: string): void {
    this.sql.addFolder.run(folder, Date.now());
  }

  markFolderIndexed(folder: string, at = Date.now()): void {
    this.sql.markFolderIndexed.run(at, folder);
  }

  /** The folders indexed, each with its counts. */
  folders(): LibraryFolder[] {
    return this.sql.folders.all().map((folder) => {
      const counts = new Map(this.sql.fileCountsBetween.all(...pathRange(folder.path)).map((row) => [row.status, row.count]));
      return {
        ...folder,
        pictures: counts.get('indexed') ?? 0,
        duplicates: counts.get('duplicate') ?? 0,
        skipped: counts.get('skipped') ?? 0,
      };
    });
  }

  /** Files under `folder` that are not in the library, and why; at most `limit`. */
  skippedUnder(folder: string, limit: number): Array<{ path: string; reason: ImageSkipReason }> {
    return this.sql.skippedBetween
      .all(...pathRange(folder), limit)
      .map((row) => ({ path: row.path, reason: row.skipReason ?? 'image-broken' }));
  }

  /**
   * Takes a folder out of the library: its files are forgotten (a picture stays while a copy of
   * it lies in another indexed folder). Returns the pictures removed.
   */
  removeFolder(folder: string): number {
    const others = this.sql.folders
      .all()
      .filter((entry) => entry.path !== folder)
      .map((entry) => entry.path);
    const underAnother = (file: string) =>
      others.some((other) => file.startsWith(other.endsWith(path.sep) ? other : `${other}${path.sep}`));
    const paths = [...this.filesUnder(folder).keys()].filter((file) => !underAnother(file));
    const removed = this.forgetFiles(paths);
    this.sql.deleteFolder.run(folder);
    return removed;
  }

  /** Writes a caption (from the caption step or the background captioner) where the picture has none or an older one. */
  setCaption(id: number, caption: string): void {
    this.db.transaction(() => {
      this.sql.setCaption.run(caption, id);
      this.sql.setTextCaption.run(caption, id);
    })();
  }

  uncaptionedCount(): number {
    return this.sql.uncaptionedCount.get()?.count ?? 0;
  }

  /** Pictures without a caption yet, oldest first. */
  uncaptioned(limit: number): number[] {
    return this.sql.uncaptioned.all(limit).map((row) => row.id);
  }

  /** The next picture for the background captioner: no caption yet and fewer than CAPTION_TRIES failures. */
  nextToCaption(): number | undefined {
    return this.sql.nextToCaption.get(CAPTION_TRIES)?.id;
  }

  /** The background captioner failed on this picture; after CAPTION_TRIES it is left without one. */
  countCaptionFailure(id: number): void {
    this.sql.countCaptionFailure.run(id);
  }

  /** Pictures the background captioner gave up on. */
  captionFailures(): number {
    return this.sql.captionFailures.get(CAPTION_TRIES)?.count ?? 0;
  }

  imageWithHash(sha256: string): number | undefined {
    return this.sql.imageIdByHash.get(sha256)?.id;
  }

  idsWithHashes(hashes: Iterable<string>): number[] {
    return [...hashes].flatMap((hash) => this.sql.imageIdByHash.get(hash)?.id ?? []);
  }

  imageById(id: number): LibraryImage | undefined {
    return this.sql.imageById.get(id);
  }

  imageCount(): number {
    return this.sql.imageCount.get()?.count ?? 0;
  }

  embeddingModel(): EmbeddingModel | null {
    const model = this.sql.getMeta.get('embedding_model')?.value;
    const dimensions = Number(this.sql.getMeta.get('embedding_dimensions')?.value);
    return model && dimensions > 0 ? { model, dimensions } : null;
  }

  /** Ids of images whose caption or file name matches an FTS5 query, best (bm25) first. */
  textMatches(match: string, limit: number, exclude: ReadonlySet<number>): number[] {
    return this.sql.textSearch.all(match, JSON.stringify([...exclude]), limit).map((row) => row.id);
  }

  /** The images whose embeddings are nearest to `vector`, most similar first. */
  similarImages(vector: ArrayLike<number>, limit: number, exclude: ReadonlySet<number>): SimilarImage[] {
    return this.loadedEmbeddings()?.nearest(vector, limit, exclude) ?? [];
  }

  addImage(file: FileFacts, image: NewImage, indexedAt = Date.now()): number {
    const id = this.db.transaction(() => {
      if (image.embedding) this.claimEmbeddingModel(image.embedding.model, image.embedding.vector.length);
      const blob = image.embedding ? embeddingToBlob(image.embedding.vector) : null;
      const { id } = this.sql.insertImage.get({ ...image, path: file.path, embedding: blob, indexedAt }) as { id: number };
      this.sql.upsertFile.run({ ...file, status: 'indexed', imageId: id, skipReason: null });
      this.sql.insertText.run(id, image.caption, fileNameWords(file.path));
      return id;
    })();
    if (image.embedding && this.matrix && this.matrixModel === image.embedding.model) this.matrix.set(id, image.embedding.vector);
    return id;
  }

  /** Another file with the content of an image already in the library: recorded, not captioned. */
  addDuplicate(file: FileFacts, imageId: number): void {
    this.sql.upsertFile.run({ ...file, status: 'duplicate', imageId, skipReason: null });
  }

  recordSkip(file: FileFacts, reason: ImageSkipReason): void {
    this.db.transaction(() => {
      this.forgetOne(file.path);
      this.sql.upsertFile.run({ ...file, status: 'skipped', imageId: null, skipReason: reason });
    })();
  }

  /** A file that was touched but still holds the same picture. */
  updateFileFacts(file: FileFacts): void {
    this.sql.updateFileFacts.run(file);
  }

  /** Removes files from the library; an image goes when its last file goes. Returns images removed. */
  forgetFiles(paths: readonly string[]): number {
    const removed = this.db.transaction(() => paths.flatMap((filePath) => this.forgetOne(filePath) ?? []))();
    for (const id of removed) this.matrix?.delete(id);
    return removed.length;
  }

  /**
   * Makes `model` the library's embedding model. When the library's vectors come from another
   * model they are dropped (vectors of two models are never compared): the next index embeds
   * every picture again. Captions stay.
   */
  useEmbeddingModel(model: string, dimensions: number): void {
    const current = this.embeddingModel();
    if (current?.model === model && current.dimensions === dimensions) return;
    this.db.transaction(() => {
      this.sql.clearEmbeddings.run();
      this.sql.deleteMeta.run();
      this.claimEmbeddingModel(model, dimensions);
    })();
    this.matrix = null;
  }

  /** The embedding of a picture already in the library. */
  setEmbedding(id: number, embedding: { model: string; vector: ArrayLike<number> }): void {
    this.db.transaction(() => {
      this.claimEmbeddingModel(embedding.model, embedding.vector.length);
      this.sql.setEmbedding.run(embeddingToBlob(embedding.vector), id);
    })();
    if (this.matrix && this.matrixModel === embedding.model) this.matrix.set(id, embedding.vector);
  }

  /** Returns the id of the image removed with the file's last path, if any. */
  private forgetOne(filePath: string): number | undefined {
    const file = this.sql.fileByPath.get(filePath);
    if (!file) return undefined;
    this.sql.deleteFile.run(filePath);
    if (file.imageId === null) return undefined;
    const remaining = this.sql.anyFileOfImage.get(file.imageId);
    if (!remaining) {
      this.sql.deleteText.run(file.imageId);
      this.sql.deleteImage.run(file.imageId);
      return file.imageId;
    }
    if (file.status === 'indexed') {
      // The shown copy went away; show a remaining copy instead.
      this.sql.promoteFile.run(remaining.path);
      this.sql.setImagePath.run(remaining.path, file.imageId);
      this.sql.setFileWords.run(fileNameWords(remaining.path), file.imageId);
    }
    return undefined;
  }

  private claimEmbeddingModel(model: string, dimensions: number): void {
    const current = this.embeddingModel();
    if (!current) {
      this.sql.setMeta.run('embedding_model', model);
      this.sql.setMeta.run('embedding_dimensions', String(dimensions));
    } else if (current.model !== model || current.dimensions !== dimensions) {
      throw new Error(
        `This library's embeddings come from ${current.model} (${current.dimensions} dimensions), not ${model} (${dimensions}); re-embed first.`,
      );
    }
  }

  /** Loads the pictures' vectors into memory now, so that the first search does not wait for them. */
  prepareSearch(): void {
    this.loadedEmbeddings();
  }

  /** The in-memory embeddings, loaded on first use and re-synchronised after other connections' writes. */
  private loadedEmbeddings(): EmbeddingMatrix | null {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (this.matrix && version === this.seenDataVersion) return this.matrix;
    this.seenDataVersion = version;
    const model = this.embeddingModel();
    if (!model) return (this.matrix = null);
    const stored = new Set(this.sql.embeddedIds.all().map((row) => row.id));
    if (!this.matrix || this.matrixModel !== model.model || this.matrix.dimensions !== model.dimensions) {
      // Room for all rows at once, with some to spare for new pictures: no copying while loading.
      this.matrix = new EmbeddingMatrix(model.dimensions, { capacity: Math.ceil(stored.size * 1.1) });
      this.matrixModel = model.model;
    }
    const matrix = this.matrix;
    if (matrix.size === 0) {
      for (const row of this.sql.allEmbeddings.iterate()) matrix.set(row.id, blobToEmbedding(row.embedding));
      return matrix;
    }
    for (const id of matrix.ids()) if (!stored.has(id)) matrix.delete(id);
    for (const id of stored) {
      if (matrix.has(id)) continue;
      const blob = this.sql.embeddingOf.get(id)?.embedding;
      if (blob) matrix.set(id, blobToEmbedding(blob));
    }
    return matrix;
  }
}

/** Every path under `folder` sorts between the folder with a separator and that string with its last character incremented. */
function pathRange(folder: string): [string, string] {
  const prefix = folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`;
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)];
}
