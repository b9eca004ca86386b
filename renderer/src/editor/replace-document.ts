import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { ArticleDocument } from '@contract/studio-api';
import { toEditorContent } from './article-document';
import { dispatchUndoStep } from './dispatch-undo-step';
import { NOT_AN_EDIT } from './transaction-meta';

/** Replaces the whole article as one undoable step (a finished compose). */
export function replaceDocument(editor: Editor, document: ArticleDocument): void {
  const doc = editor.schema.nodeFromJSON(toEditorContent(document));
  dispatchUndoStep(editor, editor.state.tr.replaceWith(0, editor.state.doc.content.size, doc.content).scrollIntoView());
}

/** Puts back a document the writer had, outside the undo history (after streamed text that was not kept). */
export function restoreDocument(editor: Editor, doc: ProseMirrorNode): void {
  const tr = editor.state.tr.replaceWith(0, editor.state.doc.content.size, doc.content);
  editor.view.dispatch(tr.setMeta('addToHistory', false).setMeta(NOT_AN_EDIT, true));
}

/**
 * Keeps what the editor shows now as one undoable step from `before` (text streamed by a
 * compose that ended without a document of its own: Undo brings `before` back).
 */
export function keepAsUndoStep(editor: Editor, before: ProseMirrorNode): void {
  const shown = editor.state.doc;
  restoreDocument(editor, before);
  dispatchUndoStep(editor, editor.state.tr.replaceWith(0, editor.state.doc.content.size, shown.content));
}
