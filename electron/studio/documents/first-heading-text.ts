import { textOf, type ArticleDocument } from './article-document';

/** The article's first heading as plain text, trimmed; '' when it has none. */
export function firstHeadingText(document: ArticleDocument): string {
  const first = document.content.find((node) => node.type === 'heading');
  return first && first.type === 'heading' ? textOf(first).trim() : '';
}
