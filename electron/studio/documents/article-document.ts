/**
 * The article as Tiptap/ProseMirror JSON: what the editor shows, what projects save, what the
 * compose pipeline produces. A `figure` node carries everything about one illustration: the
 * slot title, the candidates the model was shown, which one it chose, caption and alt text.
 */
export const DOCUMENT_SCHEMA_VERSION = 1;

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

export function textOf(node: ParagraphNode | HeadingNode): string {
  return (node.content ?? []).map((child) => child.text).join('');
}

export function paragraph(text: string): ParagraphNode {
  return text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };
}

export function heading(level: number, text: string): HeadingNode {
  const clamped = Math.min(6, Math.max(1, Math.round(level))) as HeadingNode['attrs']['level'];
  return { type: 'heading', attrs: { level: clamped }, ...(text ? { content: [{ type: 'text', text }] } : {}) };
}

export function emptyDocument(): ArticleDocument {
  return { type: 'doc', attrs: { schemaVersion: DOCUMENT_SCHEMA_VERSION }, content: [] };
}
