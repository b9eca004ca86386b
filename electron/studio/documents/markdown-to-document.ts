/**
 * CommonMark to the article's document (parsed by mdast-util-from-markdown, a strict CommonMark
 * parser). Headings and paragraphs keep their text with its bold, italic and links
 * (`markdown-inline.ts`); lists (nested, numbered from their start) and quotes become the
 * document's own. What the document cannot hold becomes plain text, never dropped: a code
 * block a paragraph of its code, an HTML block a paragraph of its source. A paragraph that is
 * only an image becomes a figure, and an all-italic paragraph right after it its caption: the
 * form the Markdown export writes; an image alone in a list or a quote becomes a figure after
 * it (figures stand at the top level). The centred `<img>` blocks of the reference's Markdown
 * (and older `folio compose -o x.md` files) are read as figures too. Pictures are not fetched
 * here: each figure comes back with its `src` for the caller to resolve.
 */
import type { Definition, Html, Paragraph, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import {
  emptyDocument,
  figure,
  headingLevel,
  type ArticleDocument,
  type BlockNode,
  type FigureNode,
  type ListItemNode,
  type ParagraphNode,
  type TextBlockNode,
} from './article-document';
import { inlineContent, type Definitions } from './markdown-inline';

export interface ImportedImage {
  /** Index of the figure in `document.content`. */
  index: number;
  src: string;
  alt: string;
}

export function markdownToDocument(markdown: string): { document: ArticleDocument; images: ImportedImage[] } {
  const tree: Root = fromMarkdown(markdown.replace(/^\uFEFF/, ''));
  const definitions = new Map<string, Definition>();
  for (const node of tree.children) if (node.type === 'definition') definitions.set(node.identifier, node);
  const content: BlockNode[] = [];
  const images: ImportedImage[] = [];
  const addFigure = (found: FoundFigure): FigureNode => {
    images.push({ index: content.length, src: found.src, alt: found.alt });
    const node = figure({ alt: found.alt, slotTitle: found.title, caption: found.caption, emptyReason: 'The picture was not imported.' });
    content.push(node);
    return node;
  };
  for (const node of tree.children) {
    const previous = content.at(-1);
    const caption = node.type === 'paragraph' ? captionOf(node, definitions) : null;
    if (caption !== null && previous?.type === 'figure' && !previous.attrs.caption) {
      previous.attrs.caption = caption;
      continue;
    }
    const found: FoundFigure[] = [];
    const block = textBlock(node, definitions, found);
    if (block) content.push(block);
    found.forEach(addFigure);
  }
  const document = emptyDocument();
  document.content = content;
  return { document, images };
}

interface FoundFigure {
  src: string;
  alt: string;
  title: string;
  caption: string;
}

/** One Markdown block as a document block; figures met on the way are added to `figures`. */
function textBlock(node: RootContent, definitions: Definitions, figures: FoundFigure[]): TextBlockNode | null {
  const blocks = (children: readonly RootContent[]): TextBlockNode[] =>
    children.map((child) => textBlock(child, definitions, figures)).filter((block): block is TextBlockNode => block !== null);
  switch (node.type) {
    case 'heading': {
      const content = inlineContent(node.children, definitions);
      return { type: 'heading', attrs: { level: headingLevel(node.depth) }, ...(content.length > 0 ? { content } : {}) };
    }
    case 'paragraph': {
      const image = loneImage(node);
      if (image) {
        figures.push({ src: image.url, alt: image.alt ?? '', title: image.title ?? '', caption: '' });
        return null;
      }
      const content = inlineContent(node.children, definitions);
      return content.length > 0 ? { type: 'paragraph', content } : null;
    }
    case 'html': {
      const centred = centredFigure(node);
      if (centred) figures.push({ ...centred, title: '' });
      return centred ? null : plainParagraph(node.value);
    }
    case 'code':
      return plainParagraph(node.value);
    case 'blockquote': {
      const content = blocks(node.children);
      return content.length > 0 ? { type: 'blockquote', content } : null;
    }
    case 'list': {
      const items: ListItemNode[] = node.children.map((item) => {
        const [first, ...rest] = blocks(item.children);
        // An item starts with a paragraph in the editor's schema: an empty one when the Markdown's does not.
        return {
          type: 'listItem',
          content: first?.type === 'paragraph' ? [first, ...rest] : [{ type: 'paragraph' }, ...(first ? [first] : []), ...rest],
        };
      });
      if (!node.ordered) return { type: 'bulletList', content: items };
      return { type: 'orderedList', attrs: { start: node.start ?? 1 }, content: items };
    }
    default:
      // Rules, definitions and front matter carry no article text.
      return null;
  }
}

function plainParagraph(text: string): ParagraphNode | null {
  const value = text.replace(/\s+/g, ' ').trim();
  return value ? { type: 'paragraph', content: [{ type: 'text', text: value }] } : null;
}

function loneImage(node: Paragraph): { url: string; alt?: string | null; title?: string | null } | null {
  const meaningful = node.children.filter((child) => !(child.type === 'text' && !child.value.trim()));
  const only = meaningful.length === 1 ? meaningful[0] : undefined;
  return only?.type === 'image' ? only : null;
}

/** The text of a paragraph that is one emphasis and nothing else, or null. */
function captionOf(node: Paragraph, definitions: Definitions): string | null {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.type !== 'emphasis') return null;
  return inlineContent(only.children, definitions)
    .map((child) => (child.type === 'text' ? child.text : ' '))
    .join('');
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
  return text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] as string,
  );
}
