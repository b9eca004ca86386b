import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { EditorView } from '@tiptap/pm/view';

/** Where a figure goes in the article: `from`..`to` is replaced by it (an empty range inserts). */
export interface FigurePlace {
  from: number;
  to: number;
}

/**
 * A figure for the caret at `position`: between top-level blocks, never inside one (a figure in
 * a paragraph split it mid-word, even inside a link). An empty paragraph is replaced by it; the
 * caret at a block's very start puts it before that block, anywhere else after it.
 */
export function figurePlaceAtCaret(doc: ProseMirrorNode, position: number): FigurePlace {
  const $position = doc.resolve(Math.max(0, Math.min(position, doc.content.size)));
  if ($position.depth === 0) return { from: $position.pos, to: $position.pos };
  const before = $position.before(1);
  const after = $position.after(1);
  const block = $position.node(1);
  if (block.type.name === 'paragraph' && block.content.size === 0) return { from: before, to: after };
  const atStart = $position.pos === $position.start($position.depth) && $position.index(1) === 0;
  const boundary = atStart ? before : after;
  return { from: boundary, to: boundary };
}

/**
 * A figure dropped at a point of the page: before the block under the pointer when the pointer
 * is in its upper half, after it otherwise; an empty paragraph is replaced. Null off the article.
 */
export function figurePlaceAtPoint(view: EditorView, point: { left: number; top: number }): FigurePlace | null {
  const found = view.posAtCoords(point);
  if (!found) return null;
  const $position = view.state.doc.resolve(found.pos);
  if ($position.depth === 0) return { from: found.pos, to: found.pos };
  const before = $position.before(1);
  const after = $position.after(1);
  const block = $position.node(1);
  if (block.type.name === 'paragraph' && block.content.size === 0) return { from: before, to: after };
  const dom = view.nodeDOM(before);
  const box = dom instanceof Element ? dom.getBoundingClientRect() : null;
  const upperHalf = box ? point.top < box.top + box.height / 2 : false;
  const boundary = upperHalf ? before : after;
  return { from: boundary, to: boundary };
}
