import { textOf, type ArticleDocument } from '../documents/article-document';

/**
 * Markdown as the reference demo saved it: headings, paragraphs, and each figure as a centred
 * <img> with its caption beneath. `assetPath` maps an asset id to the image's relative path.
 */
export function documentToMarkdown(document: ArticleDocument, assetPath: (assetId: string) => string | null): string {
  const parts: string[] = [];
  for (const node of document.content) {
    if (node.type === 'heading') parts.push(`${'#'.repeat(node.attrs.level)} ${textOf(node)}`);
    else if (node.type === 'paragraph') parts.push(textOf(node));
    else {
      const src = node.attrs.assetId ? assetPath(node.attrs.assetId) : null;
      if (!src) continue; // an empty slot has no place in an exported article
      parts.push(`<p align="center"><img src="${escapeAttribute(src)}" alt="${escapeAttribute(node.attrs.alt)}" width="600"></p>\n<p align="center"><em>${escapeText(node.attrs.caption)}</em></p>`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
