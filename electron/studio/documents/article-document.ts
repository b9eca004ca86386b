/**
 * The article as Tiptap/ProseMirror JSON: what the editor shows, what projects save, what the
 * compose pipeline produces. A `figure` node carries everything about one illustration: the
 * slot title, the candidates the model was shown, which one it chose, caption and alt text.
 */
import type {
  ArticleDocument,
  BlockNode,
  FigureAttrs,
  FigureNode,
  HeadingNode,
  InlineNode,
  ListItemNode,
  OrderedListNode,
  ParagraphNode,
  TextBlockNode,
} from '../../contract/article-document';

/** 2: marks (bold, italic, link), lists, quotes and line breaks. A version-1 document is a version-2 one. */
export const DOCUMENT_SCHEMA_VERSION = 2;

export type {
  ArticleDocument,
  BlockNode,
  FigureAttrs,
  FigureNode,
  HeadingNode,
  InlineNode,
  ListItemNode,
  ListNode,
  Mark,
  OrderedListNode,
  ParagraphNode,
  Provenance,
  TextBlockNode,
  TextNode,
} from '../../contract/article-document';

/**
 * The plain text of a block, marks dropped: a line break inside a paragraph reads as a space,
 * and the paragraphs of a list or quote come one per line.
 */
export function textOf(node: TextBlockNode | ListItemNode): string {
  if (node.type === 'paragraph' || node.type === 'heading') return inlineText(node.content);
  return (node.content as ReadonlyArray<TextBlockNode | ListItemNode>).map(textOf).join('\n');
}

function inlineText(content: readonly InlineNode[] | undefined): string {
  return (content ?? []).map((child) => (child.type === 'text' ? child.text : ' ')).join('');
}

export function paragraph(text: string): ParagraphNode {
  return text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };
}

export function heading(level: number, text: string): HeadingNode {
  return { type: 'heading', attrs: { level: headingLevel(level) }, ...(text ? { content: [{ type: 'text', text }] } : {}) };
}

/** A heading level 1-6 from anything (writers use it as defence in depth: it ends up in markup). */
export function headingLevel(level: unknown): HeadingNode['attrs']['level'] {
  const number = typeof level === 'number' && Number.isFinite(level) ? Math.round(level) : 1;
  return Math.min(6, Math.max(1, number)) as HeadingNode['attrs']['level'];
}

export function emptyDocument(): ArticleDocument {
  return { type: 'doc', attrs: { schemaVersion: DOCUMENT_SCHEMA_VERSION }, content: [] };
}

/** Asset ids are the sha256 of the image file, in lowercase hex (defined in the contract, for both sides). */
export { isAssetId } from '../../contract/asset-id';

/** A figure for a picture the writer brought (dropped, pasted, picked), or an empty slot. */
export function figure(attrs: Partial<FigureAttrs> = {}): FigureNode {
  const assetId = attrs.assetId ?? null;
  return {
    type: 'figure',
    attrs: {
      assetId,
      caption: attrs.caption ?? '',
      alt: attrs.alt ?? '',
      provenance: attrs.provenance ?? (assetId ? 'pasted' : null),
      slotTitle: attrs.slotTitle ?? '',
      candidates: attrs.candidates ?? (assetId ? [assetId] : []),
      chosen: attrs.chosen !== undefined ? attrs.chosen : assetId ? 0 : null,
      emptyReason: attrs.emptyReason ?? (assetId ? null : 'No picture yet.'),
    },
  };
}

/** The asset ids a document needs on disk: every figure's picture and the candidates kept for swapping. */
export function referencedAssetIds(document: ArticleDocument): Set<string> {
  const ids = new Set<string>();
  for (const node of document.content) {
    if (node.type !== 'figure') continue;
    if (node.attrs.assetId) ids.add(node.attrs.assetId);
    for (const candidate of node.attrs.candidates) ids.add(candidate);
  }
  return ids;
}

/**
 * The number a numbered list counts from: its `start`, whole and within what CommonMark and Word
 * can write (0 to 999,999,999); a pasted `<ol start="-3">` is not worth refusing a save over.
 */
export function listStart(list: OrderedListNode): number {
  const start = list.attrs?.start ?? 1;
  return Number.isFinite(start) ? Math.min(999_999_999, Math.max(0, Math.trunc(start))) : 1;
}

/** Every paragraph and heading among `blocks`, those inside lists and quotes too, in reading order. */
export function textblocksIn(blocks: readonly BlockNode[]): Array<ParagraphNode | HeadingNode> {
  const found: Array<ParagraphNode | HeadingNode> = [];
  const visit = (node: BlockNode | ListItemNode): void => {
    if (node.type === 'paragraph' || node.type === 'heading') found.push(node);
    else if (node.type !== 'figure') for (const child of node.content as ReadonlyArray<TextBlockNode | ListItemNode>) visit(child);
  };
  for (const block of blocks) visit(block);
  return found;
}
