import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { BubbleMenu } from '@tiptap/react/menus';
import { useRef, useState } from 'react';
import type { ParagraphAction } from '@contract/studio-api';
import { paragraphAtSelection, selectionSpansBlocks } from '../../editor/paragraph-at';
import { PARAGRAPH_MENU_KEY } from '../../editor/paragraph-menu-key';
import { describeProgress } from '../../format/describe-progress';
import { useStudio } from '../../store/studio-store';
import { PARAGRAPH_ACTION_LABELS } from '../../store/slices/editing-slice';

const ACTIONS: Array<{ action: ParagraphAction; label: string; title: string; needsText: boolean }> = [
  { action: 'rewrite', label: 'Rewrite', title: 'Write this paragraph again', needsText: true },
  { action: 'expand', label: 'Expand', title: 'Make it longer (add notes to work in)', needsText: true },
  { action: 'shorten', label: 'Shorten', title: 'Make it shorter', needsText: true },
  { action: 'insert-before', label: 'Insert before', title: 'Write a new paragraph before this one', needsText: false },
  { action: 'insert-after', label: 'Insert after', title: 'Write a new paragraph after this one', needsText: false },
];

/** Model edits for the paragraph at the cursor; while one runs, its progress and Cancel. */
export function ParagraphMenu({ editor }: { editor: Editor }) {
  const paragraphIsEmpty = useEditorState({
    editor,
    selector: ({ editor: e }) => (e ? (paragraphAtSelection(e.state)?.empty ?? null) : null),
  });
  // The model edits one paragraph: with more selected, Rewrite changed only the first, silently.
  const spansParagraphs = useEditorState({ editor, selector: ({ editor: e }) => (e ? selectionSpansBlocks(e.state) : false) });
  const paragraphEdit = useStudio((state) => state.paragraphEdit);
  const progress = useStudio((state) => (state.paragraphEdit ? (state.jobs[state.paragraphEdit.jobId]?.progress ?? null) : null));
  const editParagraph = useStudio((state) => state.editParagraph);
  const cancelJob = useStudio((state) => state.cancelJob);
  const [notes, setNotes] = useState('');
  const menu = useRef<HTMLDivElement>(null);
  // The paragraph makes room above itself for the menu (paragraph-menu-room): the line above stays
  // visible and clickable; a click into the paragraph keeps the room (the text under the pointer
  // stays put). After the show or hide, not within it: that runs inside a view update.
  const makeRoom = (open: boolean) =>
    queueMicrotask(() => {
      if (editor.isDestroyed) return;
      const height = menu.current?.offsetHeight ?? 0;
      // On the editor's parent: ProseMirror reads a change to its own element's attributes as an edit.
      if (open && height > 0) editor.view.dom.parentElement?.style.setProperty('--paragraph-menu-room', `${height + 10}px`);
      editor.chain().setParagraphMenuRoom(open, editor.view.hasFocus()).setMeta(PARAGRAPH_MENU_KEY, 'updatePosition').run();
    });

  return (
    <BubbleMenu
      ref={menu}
      editor={editor}
      pluginKey={PARAGRAPH_MENU_KEY}
      className="paragraph-menu"
      options={{
        placement: 'top-start',
        offset: 6,
        flip: true,
        shift: { padding: 8 },
        onShow: () => makeRoom(true),
        onHide: () => makeRoom(false),
      }}
      shouldShow={({ editor: e, view, element }) => {
        // While an edit runs, its progress and Cancel stay in view.
        if (useStudio.getState().paragraphEdit) return true;
        const inMenu = element.contains(document.activeElement);
        // Typing into a figure's caption or search (inside the editor's DOM) is not a paragraph.
        const inFigure = Boolean(document.activeElement?.closest('.figure'));
        // Shown for selected text, not at every caret: a writer typing is not interrupted.
        const selected = !e.state.selection.empty;
        return (inMenu || (view.hasFocus() && !inFigure && selected)) && e.isEditable && paragraphAtSelection(e.state) !== null;
      }}
      getReferencedVirtualElement={() => {
        const place = paragraphAtSelection(editor.state);
        const dom = place ? (editor.view.nodeDOM(place.position) as HTMLElement | null) : null;
        return dom
          ? { getBoundingClientRect: () => dom.getBoundingClientRect(), getClientRects: () => [dom.getBoundingClientRect()] }
          : null;
      }}
    >
      <div role="toolbar" aria-label="Edit this paragraph with the model" className="paragraph-menu-bar">
        {paragraphEdit ? (
          <div className="paragraph-progress" role="status" aria-live="polite">
            <span className="spinner" aria-hidden="true" />
            <span>{describeProgress(progress, PARAGRAPH_ACTION_LABELS[paragraphEdit.action])}</span>
            <button type="button" data-testid="edit-cancel" onClick={() => void cancelJob(paragraphEdit.jobId)} title="Stop (Escape)">
              Cancel
            </button>
          </div>
        ) : (
          <>
            {ACTIONS.map(({ action, label, title, needsText }) => (
              <button
                key={action}
                type="button"
                data-testid={`edit-${action}`}
                title={title}
                disabled={paragraphIsEmpty === null || (needsText && paragraphIsEmpty) || spansParagraphs}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => void editParagraph(action, notes).then(() => setNotes(''))}
              >
                {label}
              </button>
            ))}
            {spansParagraphs && (
              <span className="paragraph-menu-note" role="note" data-testid="paragraph-menu-note">
                One paragraph at a time: select text within one paragraph.
              </span>
            )}
            <input
              className="paragraph-notes"
              aria-label="Notes for the model (optional)"
              placeholder="Notes (optional)"
              value={notes}
              onChange={(event) => setNotes(event.target.value)}
            />
          </>
        )}
      </div>
    </BubbleMenu>
  );
}
