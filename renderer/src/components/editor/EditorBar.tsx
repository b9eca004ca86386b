import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { shortcutLabel } from '../../keyboard/shortcuts';
import { wordCount } from '../../editor/word-count';

/** Undo and Redo as buttons, and the article's length, above the page. */
export function EditorBar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({ canUndo: e.can().undo(), canRedo: e.can().redo(), words: wordCount(e.state.doc), editable: e.isEditable }),
  });
  return (
    <div className="editor-bar" role="toolbar" aria-label="Article">
      <button type="button" className="quiet" data-testid="undo" disabled={!state.canUndo || !state.editable} title={`Undo (${shortcutLabel('undo')})`} onClick={() => editor.chain().focus().undo().run()}>
        Undo
      </button>
      <button type="button" className="quiet" data-testid="redo" disabled={!state.canRedo || !state.editable} title={`Redo (${shortcutLabel('redo')})`} onClick={() => editor.chain().focus().redo().run()}>
        Redo
      </button>
      <span className="word-count" data-testid="word-count" aria-live="off">
        {state.words === 1 ? '1 word' : `${state.words.toLocaleString()} words`}
      </span>
    </div>
  );
}
