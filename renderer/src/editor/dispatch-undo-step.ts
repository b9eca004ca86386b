import type { Editor } from '@tiptap/core';
import { closeHistory } from '@tiptap/pm/history';
import type { Transaction } from '@tiptap/pm/state';

/**
 * Dispatches a model's change as an undo step of its own: not merged with typing just before
 * it (the history groups changes made within half a second) nor with typing right after.
 */
export function dispatchUndoStep(editor: Editor, tr: Transaction): void {
  editor.view.dispatch(closeHistory(tr));
  editor.view.dispatch(closeHistory(editor.state.tr));
}
