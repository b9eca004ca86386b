import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export interface ParagraphBusyOptions {
  /**
   * The class given to the paragraph the model is working on.
   * @default 'is-being-edited'
   */
  busyClass: string;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    paragraphBusy: {
      /** Marks the paragraph at `position` as being edited by the model (null clears the mark). */
      setParagraphBusy: (position: number | null) => ReturnType;
    };
  }
}

const paragraphBusyKey = new PluginKey<DecorationSet>('paragraphBusy');

/** Shows which paragraph a model edit is working on; the mark follows the paragraph as the writer types. */
export const ParagraphBusy = Extension.create<ParagraphBusyOptions>({
  name: 'paragraphBusy',

  addOptions() {
    return { busyClass: 'is-being-edited' };
  },

  addCommands() {
    return {
      setParagraphBusy:
        (position) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(paragraphBusyKey, { position }).setMeta('addToHistory', false);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const busyClass = this.options.busyClass;
    return [
      new Plugin<DecorationSet>({
        key: paragraphBusyKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const meta = tr.getMeta(paragraphBusyKey) as { position: number | null } | undefined;
            if (!meta) return set.map(tr.mapping, tr.doc);
            const node = meta.position === null ? null : tr.doc.nodeAt(meta.position);
            if (!node || meta.position === null) return DecorationSet.empty;
            const attrs = { class: busyClass, 'aria-busy': 'true' };
            return DecorationSet.create(tr.doc, [Decoration.node(meta.position, meta.position + node.nodeSize, attrs)]);
          },
        },
        props: {
          decorations: (state) => paragraphBusyKey.getState(state),
        },
      }),
    ];
  },
});
