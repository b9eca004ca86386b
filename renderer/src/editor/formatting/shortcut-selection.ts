import { Extension } from '@tiptap/core';
import { Plugin, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Shortcuts act on the selection the page shows. The browser reports a selection made with the
 * keyboard (Shift+←) a moment later than the keys themselves, and a busy page handles keys first:
 * Ctrl+K right after Shift+← linked only part of the selected word. Before any Ctrl/⌘ key
 * reaches the keymaps, the editor takes the page's selection if it differs.
 */
export const ShortcutSelection = Extension.create({
  name: 'shortcutSelection',
  priority: 1000, // before every keymap
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          handleKeyDown(view, event) {
            // Keys typed in the text itself only (not in a figure's caption field).
            if ((event.ctrlKey || event.metaKey) && event.target === view.dom) takeSelectionFromPage(view);
            return false;
          },
        },
      }),
    ];
  },
});

function takeSelectionFromPage(view: EditorView): void {
  const shown = (view.root as Document).getSelection?.();
  if (!shown?.anchorNode || !shown.focusNode || !view.dom.contains(shown.anchorNode) || !view.dom.contains(shown.focusNode)) return;
  const { doc, selection } = view.state;
  const anchor = view.posAtDOM(shown.anchorNode, shown.anchorOffset);
  const head = view.posAtDOM(shown.focusNode, shown.focusOffset);
  if (!(selection instanceof TextSelection) || (selection.anchor === anchor && selection.head === head)) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head))));
}
