import type { EditorState } from '@tiptap/pm/state';

export interface ParagraphPlace {
  /** Index among the document's paragraphs (headings and figures not counted), as editParagraph wants it. */
  index: number;
  /** Position just before the paragraph node. */
  position: number;
  empty: boolean;
}

/** The top-level paragraph holding the selection's start, or null (in a heading, on a figure). */
export function paragraphAtSelection(state: EditorState): ParagraphPlace | null {
  const { $from } = state.selection;
  if ($from.depth < 1) return null;
  const block = $from.node(1);
  if (block.type.name !== 'paragraph') return null;
  const position = $from.before(1);
  let index = 0;
  state.doc.forEach((node, offset) => {
    if (offset < position && node.type.name === 'paragraph') index++;
  });
  return { index, position, empty: block.content.size === 0 };
}

/** Whether the selection runs into another top-level block (ending at that block's very start does not count). */
export function selectionSpansBlocks(state: EditorState): boolean {
  const { $from, $to } = state.selection;
  if ($from.depth < 1 || $to.depth < 1) return false;
  return $from.index(0) !== $to.index(0) && $to.pos > $to.start(1);
}
