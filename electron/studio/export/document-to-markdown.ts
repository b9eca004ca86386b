/**
 * The article as CommonMark, written through mdast-util-to-markdown so that text which looks
 * like Markdown (a paragraph starting with "#", stars, brackets) is escaped and reads back as
 * the same text. Empty figure slots are left out: they have no place in an exported article.
 */
import type { BlockContent, Root } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { headingLevel, textOf, type ArticleDocument, type FigureNode } from '../documents/article-document';
import { escapeAttribute, escapeText } from './escape-html';

export interface MarkdownOptions {
  /**
   * How figures are written. 'image': a CommonMark image (`![alt](src "slot title")`) in its own
   * paragraph, the caption as an italic paragraph after it; what the export writes and the
   * import reads back. 'centred-html': the reference demo's centred `<img>` with the caption
   * beneath, as `folio compose` saves.
   * @default 'centred-html'
   */
  figures?: 'image' | 'centred-html';
}

/** `assetPath` maps an asset id to the image's relative path, or null to leave the figure out. */
export function documentToMarkdown(document: ArticleDocument, assetPath: (assetId: string) => string | null, options: MarkdownOptions = {}): string {
  const children: BlockContent[] = [];
  for (const node of document.content) {
    if (node.type === 'heading') {
      const text = textOf(node);
      if (text) children.push({ type: 'heading', depth: headingLevel(node.attrs.level), children: [{ type: 'text', value: text }] });
    } else if (node.type === 'paragraph') {
      const text = textOf(node);
      if (text) children.push({ type: 'paragraph', children: [{ type: 'text', value: text }] });
    } else if (node.type === 'figure') {
      const src = node.attrs.assetId ? assetPath(node.attrs.assetId) : null;
      if (src) children.push(...(options.figures === 'image' ? imageFigure(node, src) : [centredFigure(node, src)]));
    }
  }
  const tree: Root = { type: 'root', children };
  return children.length === 0 ? '' : toMarkdown(tree, { bullet: '-', emphasis: '*', strong: '*', fences: true, rule: '-' });
}

function imageFigure(node: FigureNode, src: string): BlockContent[] {
  const { alt, caption, slotTitle } = node.attrs;
  const image: BlockContent = { type: 'paragraph', children: [{ type: 'image', url: src, alt, title: slotTitle || null }] };
  return caption ? [image, { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: caption }] }] }] : [image];
}

function centredFigure(node: FigureNode, src: string): BlockContent {
  const image = `<p align="center"><img src="${escapeAttribute(src)}" alt="${escapeAttribute(node.attrs.alt)}" width="600"></p>`;
  // A blank line would end the HTML block; captions are one line.
  const caption = escapeText(node.attrs.caption.replace(/\s*\n\s*/g, ' '));
  return { type: 'html', value: caption ? `${image}\n<p align="center"><em>${caption}</em></p>` : image };
}
