import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useEffect } from 'react';
import { shortcutLabel } from '../../keyboard/shortcuts';
import { wordCount } from '../../editor/word-count';
import { FormatTools } from './FormatTools';
import { LinkField } from './LinkField';

/** The article's headings, where they are: the outline a writer jumps around a long article with. */
function headingsOf(editor: Editor): Array<{ position: number; level: number; text: string }> {
  const headings: Array<{ position: number; level: number; text: string }> = [];
  editor.state.doc.forEach((node, position) => {
    if (node.type.name === 'heading') headings.push({ position, level: Number(node.attrs.level) || 1, text: node.textContent.trim() });
  });
  return headings;
}

interface EditorBarProps {
  editor: Editor;
  /** Whether the link field is open (Ctrl/Cmd+K or the Link button). */
  linkFieldOpen: boolean;
  setLinkFieldOpen: (open: boolean) => void;
}

/** Undo and Redo, the formatting tools, a list of the headings to jump to, and the article's length, above the page. */
export function EditorBar({ editor, linkFieldOpen, setLinkFieldOpen }: EditorBarProps) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
      words: wordCount(e.state.doc),
      editable: e.isEditable,
      headings: headingsOf(e),
    }),
  });
  // A model job makes the article read-only: the link field closes rather than wait for it.
  useEffect(() => {
    if (!state.editable) setLinkFieldOpen(false);
  }, [state.editable, setLinkFieldOpen]);
  return (
    <div className="editor-bar" role="toolbar" aria-label="Article">
      <button
        type="button"
        className="quiet"
        data-testid="undo"
        disabled={!state.canUndo || !state.editable}
        title={`Undo (${shortcutLabel('undo')})`}
        onClick={() => editor.chain().focus().undo().run()}
      >
        Undo
      </button>
      <button
        type="button"
        className="quiet"
        data-testid="redo"
        disabled={!state.canRedo || !state.editable}
        title={`Redo (${shortcutLabel('redo')})`}
        onClick={() => editor.chain().focus().redo().run()}
      >
        Redo
      </button>
      <span className="editor-bar-divider" aria-hidden="true" />
      <FormatTools editor={editor} onEditLink={() => setLinkFieldOpen(true)} />
      {state.headings.length > 1 && (
        <select
          className="go-to-heading"
          aria-label="Go to a heading"
          data-testid="go-to-heading"
          value=""
          onChange={(event) => {
            const position = Number(event.target.value);
            // The caret into the heading, and the heading to the top of the page (not its bottom edge).
            editor
              .chain()
              .setTextSelection(position + 1)
              .focus(null, { scrollIntoView: false })
              .run();
            // After the focus has settled (Tiptap focuses on the next frame).
            requestAnimationFrame(() => (editor.view.nodeDOM(position) as HTMLElement | null)?.scrollIntoView({ block: 'start' }));
          }}
        >
          <option value="" disabled>
            Go to…
          </option>
          {state.headings.map((heading) => (
            <option key={heading.position} value={heading.position}>
              {`${'\u00a0\u00a0'.repeat(heading.level - 1)}${heading.text || '(untitled)'}`}
            </option>
          ))}
        </select>
      )}
      <span className="word-count" data-testid="word-count" aria-live="off">
        {state.words === 1 ? '1 word' : `${state.words.toLocaleString()} words`}
      </span>
      {linkFieldOpen && <LinkField editor={editor} onClose={() => setLinkFieldOpen(false)} />}
    </div>
  );
}
