/**
 * The article as CommonMark, written through mdast-util-to-markdown so that text which looks
 * like Markdown (a paragraph starting with "#", stars, brackets) is escaped and reads back as
 * the same text. Bold, italic and links become `**`, `*` and `[text](address)`, lists and quotes
 * CommonMark's own, a line break a backslash at the line's end. Empty figure slots are left out:
 * they have no place in an exported article. A figure is a CommonMark image
 * (`![alt](src "slot title")`) in its own paragraph with its caption in italics after it: the
 * one form the studio's export and `folio compose` both write, and the import reads back.
 */
import type { BlockContent, ListItem, PhrasingContent, Root } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import {
  headingLevel,
  listStart,
  textOf,
  type ArticleDocument,
  type FigureNode,
  type InlineNode,
  type TextBlockNode,
} from '../documents/article-document';
import { inlineRuns, inlineTree, type InlineTree } from './inline-runs';

/** `assetPath` maps an asset id to the image's relative path, or null to leave the figure out. */
export function documentToMarkdown(document: ArticleDocument, assetPath: (assetId: string) => string | null): string {
  const children: BlockContent[] = [];
  for (const node of document.content) {
    if (node.type !== 'figure') {
      const block = markdownBlock(node);
      if (block) children.push(block);
      continue;
    }
    const src = node.attrs.assetId ? assetPath(node.attrs.assetId) : null;
    if (src) children.push(...imageFigure(node, src));
  }
  const tree: Root = { type: 'root', children };
  return children.length === 0 ? '' : toMarkdown(tree, { bullet: '-', emphasis: '*', strong: '*', fences: true, rule: '-' });
}

/** A block as mdast; null for an empty paragraph or heading (or a list or quote of nothing but those). */
function markdownBlock(node: TextBlockNode): BlockContent | null {
  if (node.type === 'paragraph' || node.type === 'heading') {
    if (!textOf(node)) return null;
    const children = phrasing(node.content);
    return node.type === 'heading' ? { type: 'heading', depth: headingLevel(node.attrs.level), children } : { type: 'paragraph', children };
  }
  if (node.type === 'blockquote') {
    const children = blocksOf(node.content);
    return children.length > 0 ? { type: 'blockquote', children } : null;
  }
  const items: ListItem[] = node.content.map((item) => ({ type: 'listItem', spread: false, children: blocksOf(item.content) }));
  const start = node.type === 'orderedList' ? listStart(node) : null;
  return { type: 'list', ordered: node.type === 'orderedList', start, spread: false, children: items };
}

function blocksOf(nodes: readonly TextBlockNode[]): BlockContent[] {
  return nodes.map(markdownBlock).filter((block): block is BlockContent => block !== null);
}

function phrasing(content: readonly InlineNode[] | undefined): PhrasingContent[] {
  const convert = (tree: InlineTree): PhrasingContent => {
    if (tree.kind === 'text') return tree.run.lineBreak ? { type: 'break' } : { type: 'text', value: tree.run.text };
    const children = tree.children.map(convert);
    if (tree.kind === 'link') return { type: 'link', url: tree.href, children };
    return tree.kind === 'bold' ? { type: 'strong', children } : { type: 'emphasis', children };
  };
  return inlineTree(inlineRuns(content)).map(convert);
}

/** The picture, then its caption as an italic paragraph (what the import reads as the caption). */
function imageFigure(node: FigureNode, src: string): BlockContent[] {
  const { alt, caption, slotTitle } = node.attrs;
  const image: BlockContent = { type: 'paragraph', children: [{ type: 'image', url: src, alt, title: slotTitle || null }] };
  return caption ? [image, { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: caption }] }] }] : [image];
}
