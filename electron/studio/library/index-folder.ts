/**
 * Brings the library up to date with a folder: new pictures are checked, captioned by the
 * model and embedded; changed ones again; deleted ones removed. Each finished picture is
 * committed at once, so a crash or a cancel loses at most the picture being captioned, and the
 * next run picks up where this one stopped. Unchanged files cost one stat.
 */
import path from 'node:path';
import type { ImageDescriber } from './image-describer';
import type { ImageLibrary } from './image-library';
import type { KnownFile } from './library-records';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits';
import { isImageSkip, type ImageSkipReason } from './library-error';
import { looksLikeImage } from './looks-like-image';
import { prepareImage } from './prepare-image';
import { reembedCaptions } from './reembed-captions';
import { scanFolder, type ScannedFile } from './scan-folder';

export interface IndexProgress {
  phase: 'scanning' | 'embedding' | 'describing';
  /** Files found while scanning; captions re-embedded; pictures handled while describing. */
  done: number;
  /** 0 while scanning (not known yet). */
  total: number;
  /** The picture being handled. */
  current?: string;
  skipped: number;
}

export interface IndexSummary {
  folder: string;
  /** Pictures captioned and added in this run. */
  described: number;
  /** New files whose picture was already in the library (another copy): recorded, not captioned. */
  duplicates: number;
  unchanged: number;
  /** Files gone from the folder, removed from the library. */
  removed: number;
  /** Files that are not in the library, and why (including ones skipped in earlier runs). */
  skipped: Array<{ path: string; reason: ImageSkipReason }>;
  /** Captions embedded again because the model changed. */
  reembedded: number;
  /** Stopped by the signal; what was finished is kept. */
  cancelled: boolean;
}

export interface IndexOptions {
  describer: ImageDescriber;
  signal?: AbortSignal;
  onProgress?: (progress: IndexProgress) => void;
  /** @default DEFAULT_IMAGE_LIMITS */
  limits?: ImageLimits;
}

export async function indexFolder(library: ImageLibrary, folder: string, options: IndexOptions): Promise<IndexSummary> {
  const { describer, signal, onProgress } = options;
  const root = path.resolve(folder);
  const summary: IndexSummary = {
    folder: root,
    described: 0,
    duplicates: 0,
    unchanged: 0,
    removed: 0,
    skipped: [],
    reembedded: 0,
    cancelled: false,
  };
  const skip = (file: { path: string }, reason: ImageSkipReason) => summary.skipped.push({ path: file.path, reason });
  const report = (phase: IndexProgress['phase'], done: number, total: number, current?: string) =>
    onProgress?.({ phase, done, total, current, skipped: summary.skipped.length });

  const scanned = await scanFolder(root, { signal, onFile: (count) => count % 100 === 0 && report('scanning', count, 0) });
  if (signal?.aborted) return { ...summary, cancelled: true };
  report('scanning', scanned.length, 0);

  const reembedded = await reembedCaptions(library, describer, { signal, onProgress: (done, total) => report('embedding', done, total) });
  if (reembedded === 'cancelled') return { ...summary, cancelled: true };
  summary.reembedded = reembedded;

  const known = library.filesUnder(root);
  const work: ScannedFile[] = [];
  for (const file of scanned) {
    const before = known.get(file.path);
    if (before && before.byteSize === file.byteSize && before.mtimeMs === file.mtimeMs) {
      if (before.status === 'skipped') skip(file, before.skipReason ?? 'image-broken');
      else summary.unchanged++;
    } else if (before || file.imageName || (await looksLikeImage(file.path))) {
      work.push(file);
    }
  }

  for (const [done, file] of work.entries()) {
    report('describing', done, work.length, file.path);
    if (signal?.aborted) return { ...summary, cancelled: true };
    const outcome = await addFile(library, file, known.get(file.path), options);
    if (outcome === 'cancelled') return { ...summary, cancelled: true };
    if (typeof outcome === 'object') skip(file, outcome.skipped);
    else summary[outcome]++;
  }
  report('describing', work.length, work.length);

  const seen = new Set(scanned.map((file) => file.path));
  const gone = [...known.keys()].filter((filePath) => !seen.has(filePath));
  library.forgetFiles(gone);
  summary.removed = gone.length;
  return summary;
}

type FileOutcome = 'described' | 'duplicates' | 'unchanged' | 'cancelled' | { skipped: ImageSkipReason };

async function addFile(
  library: ImageLibrary,
  file: ScannedFile,
  before: KnownFile | undefined,
  options: IndexOptions,
): Promise<FileOutcome> {
  const facts = { path: file.path, byteSize: file.byteSize, mtimeMs: file.mtimeMs };
  let image;
  try {
    image = await prepareImage({ path: file.path }, options.limits ?? DEFAULT_IMAGE_LIMITS);
  } catch (error) {
    if (!isImageSkip(error)) throw error;
    library.recordSkip(facts, error.code);
    return { skipped: error.code };
  }
  if (before?.sha256 === image.sha256) {
    // Touched (copied over, re-saved) but the same picture.
    library.updateFileFacts(facts);
    return 'unchanged';
  }
  if (before) library.forgetFiles([file.path]);
  const existing = library.imageWithHash(image.sha256);
  if (existing !== undefined) {
    library.addDuplicate(facts, existing);
    return 'duplicates';
  }
  let caption: string;
  try {
    caption = await options.describer.caption(image, options.signal);
  } catch (error) {
    if (options.signal?.aborted) return 'cancelled';
    throw error;
  }
  const vector = caption ? await options.describer.embed(caption) : null;
  library.addImage(facts, {
    sha256: image.sha256,
    byteSize: image.byteSize,
    format: image.format,
    width: image.originalWidth,
    height: image.originalHeight,
    caption,
    embedding: vector ? { model: options.describer.model, vector } : null,
  });
  return 'described';
}
