import { textOf, type ArticleDocument } from '../documents/article-document';
import { escapeAttribute, escapeText } from './document-to-markdown';

/** A plain HTML page of the article; images by relative path (`assetPath`). */
export function documentToHtml(document: ArticleDocument, assetPath: (assetId: string) => string | null, title = 'Article'): string {
  const body: string[] = [];
  for (const node of document.content) {
    if (node.type === 'heading') body.push(`<h${node.attrs.level}>${escapeText(textOf(node))}</h${node.attrs.level}>`);
    else if (node.type === 'paragraph') body.push(`<p>${escapeText(textOf(node))}</p>`);
    else {
      const src = node.attrs.assetId ? assetPath(node.attrs.assetId) : null;
      if (!src) continue;
      body.push(`<figure><img src="${escapeAttribute(src)}" alt="${escapeAttribute(node.attrs.alt)}"><figcaption>${escapeText(node.attrs.caption)}</figcaption></figure>`);
    }
  }
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeText(title)}</title>`,
    '<style>body{max-width:42rem;margin:2rem auto;font:1.05rem/1.6 Georgia,serif;padding:0 1rem}figure{margin:1.5rem 0;text-align:center}img{max-width:100%}figcaption{font-style:italic;font-size:.9rem}</style>',
    '</head><body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}
