/**
 * The article as Tiptap/ProseMirror JSON: what the editor shows, what projects save, what the
 * compose pipeline produces. A `figure` node carries everything about one illustration: the
 * slot title, the candidates the model was shown, which one it chose, caption and alt text.
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

export interface TextNode {
  type: 'text';
  text: string;
}

export interface ParagraphNode {
  type: 'paragraph';
  content?: TextNode[];
}

export interface HeadingNode {
  type: 'heading';
  attrs: { level: 1 | 2 | 3 | 4 | 5 | 6 };
  content?: TextNode[];
}

export interface FigureNode {
  type: 'figure';
  attrs: FigureAttrs;
}

export type BlockNode = ParagraphNode | HeadingNode | FigureNode;

export interface ArticleDocument {
  type: 'doc';
  attrs: { schemaVersion: number };
  content: BlockNode[];
}
