/**
 * Markdown a writer brings in (Import, and paste through the same reader) becomes a document on
 * a worker thread with a time and a memory limit, after two cheap checks on this thread: its
 * size, and how deeply it nests lists and quotes. Parsing on the server's main thread let one
 * file stop every other client (50,000 nested list levels in 100 KB: no answer for 900 s; 50,000
 * nested quotes overflowed the stack). Each refusal names its limit.
 */
import { BoundedWorker, WorkerLimitError, WorkerTaskError } from '../../../native-models/bounded-worker';
import { MAX_JSON_DEPTH } from './json-depth';
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
export const MAX_MARKDOWN_NESTING = 100;
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
