import { Extension } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';

/**
 * Undo and redo keys that always stop at the editor's own history. With nothing left to redo,
 * Tiptap's Shift-Mod-z returned false and ProseMirror's keymap then tried the same key without
 * Shift, Mod-z: each further press undid and redid the last edit in turn. Here both keys are
 * answered first and always count as handled; the browser's own contenteditable history is off.
 */
export const HistoryKeys = Extension.create({
  name: 'historyKeys',
  priority: 110, // above the history extension (100), whose keys would fall through to undo
  addKeyboardShortcuts() {
    const undo = () => (this.editor.commands.undo(), true);
    const redo = () => (this.editor.commands.redo(), true);
    return { 'Mod-z': undo, 'Shift-Mod-z': redo, 'Mod-y': redo, 'Mod-я': undo, 'Shift-Mod-я': redo };
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              if (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo') return false;
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});
