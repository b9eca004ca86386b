/**
 * A model edit returns the whole document. Only the top-level blocks that differ from what was
 * sent are replaced, in one transaction, so Undo takes back exactly the model's edit and the
 * writer's typing elsewhere (made while the model worked) stays.
 */
import type { Editor } from '@tiptap/core';
import type { Fragment, Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { Mapping } from '@tiptap/pm/transform';
import type { ArticleDocument } from '@contract/studio-api';
import { toEditorContent } from './article-document';
import { dispatchUndoStep } from './dispatch-undo-step';

export type EditOutcome = 'applied' | 'unchanged' | 'conflict';

interface ChangedRange {
  /** Positions in the document that was sent. */
  from: number;
  to: number;
  /** The blocks that replace them. */
  replacement: Fragment;
}

/** The smallest run of top-level blocks that differs between `before` and `after`, or null. */
function changedBlocks(before: ProseMirrorNode, after: ProseMirrorNode): ChangedRange | null {
  const shorter = Math.min(before.childCount, after.childCount);
  let start = 0;
  while (start < shorter && before.child(start).eq(after.child(start))) start++;
  if (start === before.childCount && start === after.childCount) return null;
  let end = 0;
  while (end < shorter - start && before.child(before.childCount - 1 - end).eq(after.child(after.childCount - 1 - end))) end++;
  return {
    from: offsetOf(before, start),
    to: offsetOf(before, before.childCount - end),
    replacement: after.content.cut(offsetOf(after, start), offsetOf(after, after.childCount - end)),
  };
}

function offsetOf(doc: ProseMirrorNode, childIndex: number): number {
  let offset = 0;
  for (let i = 0; i < childIndex; i++) offset += doc.child(i).nodeSize;
  return offset;
}

/**
 * Applies `edited` (the model's answer to `sent`) to the editor as one undoable step.
 * `sinceSent` maps positions in `sent` to the document now; when the writer changed the same
 * blocks meanwhile, nothing is applied ('conflict') and their text is kept.
 */
export function applyEditedDocument(editor: Editor, sent: ArticleDocument, edited: ArticleDocument, sinceSent?: Mapping): EditOutcome {
  const schema = editor.schema;
  const before = schema.nodeFromJSON(toEditorContent(sent));
  const after = schema.nodeFromJSON(toEditorContent(edited));
  const range = changedBlocks(before, after);
  if (!range) return 'unchanged';

  let from = range.from;
  let to = range.to;
  if (sinceSent) {
    const start = sinceSent.mapResult(range.from, 1);
    const end = sinceSent.mapResult(range.to, -1);
    if (start.deleted || end.deleted || end.pos < start.pos) return 'conflict';
    from = start.pos;
    to = end.pos;
  }
  const doc = editor.state.doc;
  if (to > doc.content.size || !doc.slice(from, to).content.eq(before.slice(range.from, range.to).content)) return 'conflict';

  dispatchUndoStep(editor, editor.state.tr.replaceWith(from, to, range.replacement).scrollIntoView());
  return 'applied';
}
