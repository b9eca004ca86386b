/**
 * Markdown a writer brings in (Import, and paste through the same reader) becomes a document on
 * a worker thread with a time and a memory limit, after two cheap checks on this thread: its
 * size, and how deeply it nests lists and quotes. Parsing on the server's main thread let one
 * file stop every other client (50,000 nested list levels in 100 KB: no answer for 900 s; 50,000
 * nested quotes overflowed the stack). Each refusal names its limit.
 */
import { BoundedWorker, WorkerLimitError, WorkerTaskError } from '../../../native-models/bounded-worker';
import { MAX_JSON_DEPTH } from './json-depth';
import { emphasisMarkersPerParagraph } from './markdown-emphasis';
import type { MarkdownArticle, MarkdownJob } from './markdown-job';
import { markdownNesting } from './markdown-nesting';
import { ProjectError } from './project-error';
import { megabytes } from './project-files';

/** A long book is about 1 MB of Markdown; this is five. */
export const MAX_MARKDOWN_BYTES = 5 * 1024 * 1024;
/**
 * Lists and quotes nested this deep (as markdownNesting estimates, which counts indentation too)
 * are refused unread. A document holds about 12 nested lists; the estimate gets room above that.
 */
const MAX_MARKDOWN_NESTING = 100;
/**
 * Emphasis markers in one paragraph past this are refused unread: the parser's emphasis matching
 * is quadratic in them (5,000 parse in about 0.3 s; 50,000 ran past the 10 s limit on some
 * machines and not on others). A writer's paragraph holds tens.
 */
export const MAX_EMPHASIS_MARKERS = 5_000;
const LIMITS = { timeMs: 10_000, memoryMb: 512 };

const worker = new BoundedWorker<MarkdownJob, MarkdownArticle>(import.meta.url, 'markdown-worker', LIMITS);

export type { MarkdownArticle } from './markdown-job';

export async function parseMarkdownArticle(markdown: string): Promise<MarkdownArticle> {
  const bytes = Buffer.byteLength(markdown);
  if (bytes > MAX_MARKDOWN_BYTES)
    throw new ProjectError(
      'import-too-large',
      `The Markdown is too large to read (${megabytes(bytes)}; the limit is ${megabytes(MAX_MARKDOWN_BYTES)}, five times a long book).`,
    );
  const nesting = markdownNesting(markdown);
  if (nesting > MAX_MARKDOWN_NESTING)
    throw new ProjectError(
      'import-too-deep',
      `The Markdown nests lists or quotes about ${nesting.toLocaleString('en')} levels deep; Folio reads at most ${MAX_MARKDOWN_NESTING}.`,
    );
  const markers = emphasisMarkersPerParagraph(markdown);
  if (markers > MAX_EMPHASIS_MARKERS)
    throw new ProjectError(
      'import-too-slow',
      `The Markdown has ${markers.toLocaleString('en')} emphasis markers (* or _) in one paragraph; Folio reads at most ${MAX_EMPHASIS_MARKERS.toLocaleString('en')} (more could take past ${LIMITS.timeMs / 1000} s to read).`,
    );
  try {
    return await worker.run({ markdown });
  } catch (error) {
    if (error instanceof WorkerTaskError && error.code === 'too-deep')
      throw new ProjectError(
        'import-too-deep',
        `The Markdown nests lists or quotes deeper than a document holds (${MAX_JSON_DEPTH} levels of structure, about 12 nested lists).`,
      );
    if (error instanceof WorkerLimitError)
      throw new ProjectError(
        error.limit === 'time' ? 'import-too-slow' : 'import-too-large',
        `The Markdown could not be read: ${error.message} (the limits are ${LIMITS.timeMs / 1000} s and ${LIMITS.memoryMb} MB).`,
      );
    throw new ProjectError('import-unreadable', 'The Markdown could not be read.', error instanceof Error ? error.message : String(error));
  }
}
