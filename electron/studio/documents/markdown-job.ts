/**
 * Reading a writer's Markdown into a document, as a job for the Markdown worker (see
 * parse-markdown-article.ts): what goes in and what comes back.
 */
import type { ArticleDocument } from './article-document';
import type { ImportedImage } from './markdown-to-document';

export interface MarkdownJob {
  markdown: string;
}

export interface MarkdownArticle {
  document: ArticleDocument;
  images: ImportedImage[];
}
