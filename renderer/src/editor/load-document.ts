import type { Editor } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import type { ArticleDocument } from '@contract/studio-api';
import { toEditorContent } from './article-document';
import { NOT_AN_EDIT } from './transaction-meta';

/** Shows a document that was opened: a fresh undo history, and no autosave for it. */
export function loadDocument(editor: Editor, document: ArticleDocument): void {
  const doc = editor.schema.nodeFromJSON(toEditorContent(document));
  const state = EditorState.create({ doc, plugins: editor.state.plugins });
  editor.view.updateState(state);
  // Lets Tiptap's listeners (useEditorState, menus) see the new state.
  editor.view.dispatch(editor.state.tr.setMeta(NOT_AN_EDIT, true).setMeta('addToHistory', false));
}
