/**
 * The Markdown worker thread (see parse-markdown-article.ts): one MarkdownJob per message, the
 * document back, or 'too-deep' when it nests past what a project file may hold.
 */
import { WorkerTaskError } from '../../../native-models/bounded-worker-messages';
import { serveBoundedTasks } from '../../../native-models/serve-bounded-tasks';
import { jsonValueTooDeep, MAX_JSON_DEPTH } from './json-depth';
import type { MarkdownArticle, MarkdownJob } from './markdown-job';
import { markdownToDocument } from './markdown-to-document';

serveBoundedTasks<MarkdownJob, MarkdownArticle>((job) => {
  const article = markdownToDocument(job.markdown);
  // The document must be one Folio can save and send: its nesting within the project files' limit.
  if (jsonValueTooDeep(article.document, MAX_JSON_DEPTH)) throw new WorkerTaskError('the document nests too deep', 'too-deep');
  return article;
});
