/**
 * The article as Tiptap/ProseMirror JSON, in the shapes Tiptap 3 writes: what the editor shows,
 * what projects save, what the compose pipeline produces. A `figure` node carries everything
 * about one illustration: the slot title, the candidates the model was shown, which one it
 * chose, caption and alt text. Figures are top-level blocks only; text carries bold, italic and
 * link marks; lists and quotes nest.
 * Types only: the Studio API owns them; electron/studio/documents builds and checks them.
 */
export type Provenance = 'library' | 'reference' | 'pasted';

export interface FigureAttrs {
  /** sha256 of the image file in the project's assets; null for an empty slot. */
  assetId: string | null;
  caption: string;
  alt: string;
  provenance: Provenance | null;
  /** The title the model gave this slot; what the library was searched with. */
  slotTitle: string;
  /** Asset ids shown to the model, in the order labelled A, B, C, D. */
  candidates: string[];
  /** Index into candidates of the one chosen, or null. */
  chosen: number | null;
  /** Why the slot has no image (shown to the writer instead of a broken figure). */
  emptyReason: string | null;
}

/** Bold and italic as Tiptap 3's StarterKit writes them. */
interface StyleMark {
  type: 'bold' | 'italic';
}

/**
 * A link as Tiptap 3's Link extension writes it. Only http:, https: and mailto: addresses are
 * kept: a link to anything else is dropped to plain text when a document is loaded or received.
 */
interface LinkMark {
  type: 'link';
  attrs: { href: string; target?: string | null; rel?: string | null; class?: string | null; title?: string | null };
}

export type Mark = StyleMark | LinkMark;

export interface TextNode {
  type: 'text';
  text: string;
  marks?: Mark[];
}

/** A line break inside a paragraph or heading (Shift+Enter). */
interface HardBreakNode {
  type: 'hardBreak';
  marks?: Mark[];
}

export type InlineNode = TextNode | HardBreakNode;

export interface ParagraphNode {
  type: 'paragraph';
  content?: InlineNode[];
}

export interface HeadingNode {
  type: 'heading';
  attrs: { level: 1 | 2 | 3 | 4 | 5 | 6 };
  content?: InlineNode[];
}

/** One point of a list: a paragraph, then perhaps more paragraphs, nested lists or quotes. */
export interface ListItemNode {
  type: 'listItem';
  content: [ParagraphNode, ...TextBlockNode[]];
}

interface BulletListNode {
  type: 'bulletList';
  content: ListItemNode[];
}

export interface OrderedListNode {
  type: 'orderedList';
  /** `start`: the first item's number (Tiptap writes 1 by default); `type`: HTML's `1`, `a`, `i`…, or null. */
  attrs?: { start?: number; type?: string | null };
  content: ListItemNode[];
}

export type ListNode = BulletListNode | OrderedListNode;

interface BlockquoteNode {
  type: 'blockquote';
  content: TextBlockNode[];
}

/** Every block but a figure: what lists and quotes may hold (figures stay at the top level). */
export type TextBlockNode = ParagraphNode | HeadingNode | ListNode | BlockquoteNode;

export interface FigureNode {
  type: 'figure';
  attrs: FigureAttrs;
}

export type BlockNode = TextBlockNode | FigureNode;

export interface ArticleDocument {
  type: 'doc';
  attrs: { schemaVersion: number };
  content: BlockNode[];
}
