/**
 * CommonMark to the article's document (parsed by mdast-util-from-markdown, a strict CommonMark
 * parser). Headings and paragraphs keep their text; list items and quotes become paragraphs (an
 * outline's points); formatting is dropped, because the document holds plain text. A paragraph
 * that is only an image becomes a figure, and an all-italic paragraph right after it its
 * caption: the form the Markdown export writes. The centred `<img>` blocks of the reference's
 * Markdown (and `folio compose -o x.md`) are read as figures too. Pictures are not fetched here:
 * each figure comes back with its `src` for the caller to resolve.
 */
import type { Html, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { emptyDocument, figure, heading, paragraph, type ArticleDocument, type BlockNode } from './article-document';

export interface ImportedImage {
  /** Index of the figure in `document.content`. */
  index: number;
  src: string;
  alt: string;
}

export function markdownToDocument(markdown: string): { document: ArticleDocument; images: ImportedImage[] } {
  const content: BlockNode[] = [];
  const images: ImportedImage[] = [];
  const addFigure = (src: string, alt: string, title: string): void => {
    images.push({ index: content.length, src, alt });
    content.push(figure({ alt, slotTitle: title, emptyReason: 'The picture was not imported.' }));
  };
  const visit = (node: RootContent): void => {
    if (node.type === 'heading') content.push(heading(node.depth, inlineText(node.children)));
    else if (node.type === 'paragraph') {
      const image = loneImage(node);
      const caption = captionOf(node);
      const previous = content.at(-1);
      if (image) addFigure(image.url, image.alt ?? '', image.title ?? '');
      else if (caption !== null && previous?.type === 'figure' && !previous.attrs.caption) previous.attrs.caption = caption;
      else {
        const text = inlineText(node.children);
        if (text) content.push(paragraph(text));
      }
    } else if (node.type === 'html') {
      const centred = centredFigure(node);
      if (centred) {
        addFigure(centred.src, centred.alt, '');
        (content.at(-1) as { attrs: { caption: string } }).attrs.caption = centred.caption;
      }
    } else if (node.type === 'code') {
      const text = node.value.replace(/\s+/g, ' ').trim();
      if (text) content.push(paragraph(text));
    } else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
      for (const child of node.children) visit(child as RootContent);
    }
  };
  const tree: Root = fromMarkdown(markdown.replace(/^\uFEFF/, ''));
  for (const node of tree.children) visit(node);
  const document = emptyDocument();
  document.content = content;
  return { document, images };
}

function inlineText(children: PhrasingContent[]): string {
  const parts: string[] = [];
  const walk = (nodes: PhrasingContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'text' || node.type === 'inlineCode') parts.push(node.value);
      else if (node.type === 'break') parts.push(' ');
      else if (node.type === 'image') parts.push(node.alt ?? '');
      else if ('children' in node) walk(node.children as PhrasingContent[]);
    }
  };
  walk(children);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function loneImage(node: Paragraph): { url: string; alt?: string | null; title?: string | null } | null {
  const meaningful = node.children.filter((child) => !(child.type === 'text' && !child.value.trim()));
  const only = meaningful.length === 1 ? meaningful[0] : undefined;
  return only?.type === 'image' ? only : null;
}

/** The text of a paragraph that is one emphasis and nothing else, or null. */
function captionOf(node: Paragraph): string | null {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  return only?.type === 'emphasis' ? inlineText(only.children) : null;
}

/** `<p align="center"><img src="…" alt="…"></p>` with an optional `<em>caption</em>` line. */
function centredFigure(node: Html): { src: string; alt: string; caption: string } | null {
  const img = /^<p[^>]*>\s*<img\s([^>]*)>\s*<\/p>/i.exec(node.value.trim());
  if (!img) return null;
  const attribute = (name: string): string => decodeEntities(new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(img[1] as string)?.[1] ?? '');
  const caption = /<em>([\s\S]*?)<\/em>/i.exec(node.value.slice(img[0].length))?.[1] ?? '';
  return { src: attribute('src'), alt: attribute('alt'), caption: decodeEntities(caption).trim() };
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] as string);
}
