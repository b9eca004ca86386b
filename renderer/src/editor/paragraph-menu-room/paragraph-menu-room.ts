import { Extension } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { paragraphAtSelection } from '../paragraph-at';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    paragraphMenuRoom: {
      /**
       * Opens a gap above the paragraph at the selection for the paragraph menu to sit in, following
       * the selection while the menu shows; false closes it, or with `keepInParagraph` keeps it
       * while the selection stays in that paragraph.
       */
      setParagraphMenuRoom: (open: boolean, keepInParagraph?: boolean) => ReturnType;
    };
  }
}

interface Room {
  /** The menu is shown: the room is above whichever paragraph holds the selection. */
  open: boolean;
  /** The menu is hidden but the caret is still in its paragraph (the position just before it). */
  kept: number | null;
}

const paragraphMenuRoomKey = new PluginKey<Room>('paragraphMenuRoom');
const CLOSED: Room = { open: false, kept: null };

const keptAtSelection = (state: EditorState, kept: number | null) =>
  kept !== null && paragraphAtSelection(state)?.position === kept ? kept : null;

/**
 * The paragraph menu floats above its paragraph: over the line above, it hid that line and took
 * its clicks (issue 23). While the menu is shown the paragraph gets the class `has-paragraph-menu`,
 * whose top margin (editor.css) is the menu's room, so the line above stays visible and clickable.
 * The room stays while the caret is in that paragraph: a click into it (which hides the menu) must
 * not move the text under the pointer. It goes when the selection leaves the paragraph.
 */
export const ParagraphMenuRoom = Extension.create({
  name: 'paragraphMenuRoom',

  addCommands() {
    return {
      setParagraphMenuRoom:
        (open, keepInParagraph = false) =>
        ({ state, tr, dispatch }) => {
          const place = paragraphAtSelection(state);
          const room: Room = open ? { open, kept: null } : { open, kept: keepInParagraph ? (place?.position ?? null) : null };
          if (dispatch) tr.setMeta(paragraphMenuRoomKey, room).setMeta('addToHistory', false);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<Room>({
        key: paragraphMenuRoomKey,
        state: {
          init: () => CLOSED,
          apply(tr, room, _before, after) {
            const meta = tr.getMeta(paragraphMenuRoomKey) as Room | undefined;
            if (meta) return meta;
            if (room.open || room.kept === null) return room;
            // Once the selection leaves the paragraph the room is gone, not waiting for its return.
            const kept = keptAtSelection(after, tr.mapping.map(room.kept, 1));
            return kept === null ? CLOSED : { open: false, kept };
          },
        },
        props: {
          decorations(state) {
            const room = paragraphMenuRoomKey.getState(state) ?? CLOSED;
            const place = room.open || room.kept !== null ? paragraphAtSelection(state) : null;
            const node = place ? state.doc.nodeAt(place.position) : null;
            if (!place || !node) return DecorationSet.empty;
            const gap = Decoration.node(place.position, place.position + node.nodeSize, { class: 'has-paragraph-menu' });
            return DecorationSet.create(state.doc, [gap]);
          },
        },
      }),
    ];
  },
});
