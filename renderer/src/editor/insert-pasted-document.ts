import type { Editor } from '@tiptap/core';
import { closeHistory } from '@tiptap/pm/history';
import { Slice } from '@tiptap/pm/model';
import type { ArticleDocument } from '@contract/studio-api';
import { toEditorContent } from './article-document';

/**
 * Pasted blocks (Markdown read by the studio) in place of `from`..`to`, as a paste would put them:
 * a first or last paragraph joins the text around it, headings, lists and quotes stay blocks,
 * and figures stand between blocks. One undo step; a writer's edit (it is saved).
 */
export function insertPastedDocument(editor: Editor, document: ArticleDocument, from: number, to: number): void {
  const pasted = editor.schema.nodeFromJSON(toEditorContent(document));
  const tr = editor.state.tr.replaceRange(from, to, Slice.maxOpen(pasted.content)).scrollIntoView();
  editor.view.dispatch(closeHistory(tr));
  editor.view.dispatch(closeHistory(editor.state.tr));
}
