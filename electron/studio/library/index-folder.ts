/**
 * Brings the library up to date with a folder without the vision-language model: new and
 * changed pictures are decoded, scaled once and embedded by the image-embedding model in
 * batches (the next batch decodes while this one is embedded); pictures already in the library
 * without an embedding (a library from before, or another embedding model) get one; deleted
 * files are removed. Each batch is committed at once, so a crash or a cancel loses at most the
 * batches in flight, and the next run picks up where this one stopped. Unchanged files cost one
 * stat. Captions are not written here: the caption step and the background captioner add them.
 */
import path from 'node:path';
import type { ImageLibrary } from './image-library';
import type { KnownFile } from './library-records';
import type { ImageLimits } from './image-limits';
import type { ImageSkipReason } from './library-error';
import { looksLikeImage } from './looks-like-image';
import type { PictureBatch } from './picture-embedder';
import type { ClipModelDescription } from '../../../native-models/clip/clip-model-files';
import { scanFolder, type ScannedFile } from './scan-folder';

export interface IndexProgress {
  phase: 'scanning' | 'embedding';
  /** Files found while scanning; pictures handled while embedding. */
  done: number;
  /** 0 while scanning (not known yet). */
  total: number;
  /** The last picture handled. */
  current?: string;
  skipped: number;
  /** Pictures handled per second so far in this run (embedding phase). */
  perSecond?: number;
}

export interface IndexSummary {
  folder: string;
  /** Pictures new to the library, embedded in this run. */
  added: number;
  /** Pictures already in the library that got their embedding in this run (an older library, another model). */
  embedded: number;
  /** New files whose picture was already in the library: merged into it, not embedded again. */
  duplicates: Array<{ path: string; sameAs: string }>;
  unchanged: number;
  /** Files gone from the folder, removed from the library. */
  removed: number;
  /** Files that are not in the library, and why (including ones skipped in earlier runs). */
  skipped: Array<{ path: string; reason: ImageSkipReason }>;
  /** Stopped by the signal; what was finished is kept. */
  cancelled: boolean;
  /** Wall time the worker spent decoding and embedding, summed over batches (they overlap). */
  decodeMs: number;
  embedMs: number;
}

/** What indexing needs of the image-embedding model (PictureEmbedder; tests may pass another). */
export interface PictureEmbedding {
  readonly description: ClipModelDescription;
  embedFiles(paths: readonly string[], limits?: ImageLimits): Promise<PictureBatch>;
}

export interface IndexOptions {
  embedder: PictureEmbedding;
  signal?: AbortSignal;
  onProgress?: (progress: IndexProgress) => void;
  limits?: ImageLimits;
  /**
   * Pictures per batch sent to the model.
   * @default 8
   */
  batchSize?: number;
}

/** Batches in flight at once: one embedding while the next decodes. */
const BATCHES_IN_FLIGHT = 2;

interface Work {
  file: ScannedFile;
  before: KnownFile | undefined;
}

export async function indexFolder(library: ImageLibrary, folder: string, options: IndexOptions): Promise<IndexSummary> {
  const { embedder, signal, onProgress } = options;
  const root = path.resolve(folder);
  const summary: IndexSummary = {
    folder: root,
    added: 0,
    embedded: 0,
    duplicates: [],
    unchanged: 0,
    removed: 0,
    skipped: [],
    cancelled: false,
    decodeMs: 0,
    embedMs: 0,
  };
  const report = (progress: Omit<IndexProgress, 'skipped'>) => onProgress?.({ ...progress, skipped: summary.skipped.length });

  const scanned = await scanFolder(root, {
    signal,
    onFile: (count) => count % 100 === 0 && report({ phase: 'scanning', done: count, total: 0 }),
  });
  if (signal?.aborted) return { ...summary, cancelled: true };
  report({ phase: 'scanning', done: scanned.length, total: 0 });
  library.addFolder(root);
  // Another embedding model than the one the library was made with: every picture is embedded again.
  library.useEmbeddingModel(embedder.description.id, embedder.description.dimensions);

  const known = library.filesUnder(root);
  const work: Work[] = [];
  for (const file of scanned) {
    const before = known.get(file.path);
    const same = before && before.byteSize === file.byteSize && before.mtimeMs === file.mtimeMs;
    if (same && before.status === 'skipped') summary.skipped.push({ path: file.path, reason: before.skipReason ?? 'image-broken' });
    else if (same && before.hasVector) summary.unchanged++;
    else if (before || file.imageName || (await looksLikeImage(file.path))) work.push({ file, before });
  }

  const started = performance.now();
  const batchSize = Math.max(1, options.batchSize ?? 8);
  const batches: Work[][] = [];
  for (let at = 0; at < work.length; at += batchSize) batches.push(work.slice(at, at + batchSize));
  const inFlight: Array<Promise<PictureBatch>> = [];
  const send = (batch: Work[]) =>
    embedder.embedFiles(
      batch.map((item) => item.file.path),
      options.limits,
    );
  let done = 0;
  for (let index = 0; index < batches.length; index++) {
    if (signal?.aborted) return { ...summary, cancelled: true };
    while (inFlight.length < BATCHES_IN_FLIGHT && index + inFlight.length < batches.length)
      inFlight.push(send(batches[index + inFlight.length] as Work[]));
    const batch = batches[index] as Work[];
    const result = await (inFlight.shift() as Promise<PictureBatch>);
    summary.decodeMs += result.decodeMs;
    summary.embedMs += result.embedMs;
    library.inOneTransaction(() =>
      batch.forEach((item, at) => record(library, item, result.outcomes[at], embedder.description.id, summary)),
    );
    done += batch.length;
    const seconds = (performance.now() - started) / 1000;
    report({
      phase: 'embedding',
      done,
      total: work.length,
      current: batch.at(-1)?.file.path,
      perSecond: seconds > 0 ? done / seconds : undefined,
    });
  }
  report({ phase: 'embedding', done: work.length, total: work.length });

  const seen = new Set(scanned.map((file) => file.path));
  const gone = [...known.keys()].filter((filePath) => !seen.has(filePath));
  library.forgetFiles(gone);
  summary.removed = gone.length;
  library.markFolderIndexed(root);
  return summary;
}

function record(
  library: ImageLibrary,
  item: Work,
  outcome: PictureBatch['outcomes'][number] | undefined,
  model: string,
  summary: IndexSummary,
): void {
  const { file, before } = item;
  const facts = { path: file.path, byteSize: file.byteSize, mtimeMs: file.mtimeMs };
  if (!outcome) throw new Error(`the image-embedding model gave no answer for ${file.path}`);
  if (!outcome.ok) {
    library.recordSkip(facts, outcome.reason);
    summary.skipped.push({ path: file.path, reason: outcome.reason });
    return;
  }
  const embedding = { model, vector: outcome.vector };
  if (before?.sha256 === outcome.sha256 && before.imageId !== null) {
    // Touched (copied over, re-saved) but the same picture; or one from before that needed its embedding.
    library.updateFileFacts(facts);
    if (before.hasVector) summary.unchanged++;
    else {
      library.setEmbedding(before.imageId, embedding);
      summary.embedded++;
    }
    return;
  }
  if (before) library.forgetFiles([file.path]);
  const existing = library.imageWithHash(outcome.sha256);
  if (existing !== undefined) {
    library.addDuplicate(facts, existing);
    summary.duplicates.push({ path: file.path, sameAs: library.imageById(existing)?.path ?? '' });
    return;
  }
  const { ok: _ok, vector: _vector, ...picture } = outcome;
  library.addImage(facts, { ...picture, caption: '', embedding });
  summary.added++;
}
