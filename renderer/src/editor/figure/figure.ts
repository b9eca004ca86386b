import { mergeAttributes, Node } from '@tiptap/core';
import { ReactNodeViewRenderer } from '@tiptap/react';
import type { FigureAttrs } from '@contract/studio-api';
import type { FigureOptions } from './figure-options';
import { FigureView } from './figure-view';
import { figurePlaceAtCaret, type FigurePlace } from './figure-place';

export type { FigureOptions };

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** Inserts a figure between blocks: at `place`, or near the caret (figure-place.ts). */
      insertFigure: (attrs: Partial<FigureAttrs>, place?: FigurePlace) => ReturnType;
      /** Changes a figure's caption (one undoable step). */
      setFigureCaption: (position: number, caption: string) => ReturnType;
      /** Takes the figure at `position` out of the article. */
      removeFigure: (position: number) => ReturnType;
    };
  }
}

/** Every attribute of FigureAttrs, kept on the element as JSON so copy and paste keep the figure whole. */
const defaults: FigureAttrs = {
  assetId: null,
  caption: '',
  alt: '',
  provenance: null,
  slotTitle: '',
  candidates: [],
  chosen: null,
  emptyReason: null,
};

function attribute<K extends keyof FigureAttrs>(name: K) {
  const dataName = `data-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  return {
    default: defaults[name],
    parseHTML: (element: HTMLElement) => {
      const raw = element.getAttribute(dataName);
      if (raw === null) return defaults[name];
      try {
        return JSON.parse(raw) as FigureAttrs[K];
      } catch {
        return defaults[name];
      }
    },
    renderHTML: (attrs: Record<string, unknown>) => ({ [dataName]: JSON.stringify(attrs[name]) }),
  };
}

/** An illustration: a block the writer cannot type into, with the picture, caption and the candidates the model saw. */
export const Figure = Node.create<FigureOptions>({
  name: 'figure',
  // Not `block`: lists and quotes hold blocks, and a figure stays at the article's top level.
  group: 'figure',
  atom: true,
  selectable: true,
  draggable: true,

  addOptions() {
    return {
      assetUrl: () => '',
      interactive: true,
      assetThumbnailUrl: () => '',
      libraryThumbnailUrl: () => '',
      changeFigure: async () => {},
      findLibraryPictures: async () => [],
      useFigureEdit: () => ({ busy: false, anotherBusy: false }),
    };
  },

  addAttributes() {
    return {
      assetId: attribute('assetId'),
      caption: attribute('caption'),
      alt: attribute('alt'),
      provenance: attribute('provenance'),
      slotTitle: attribute('slotTitle'),
      candidates: attribute('candidates'),
      chosen: attribute('chosen'),
      emptyReason: attribute('emptyReason'),
    };
  },

  parseHTML() {
    return [{ tag: 'figure[data-figure]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const attrs = node.attrs as FigureAttrs;
    const picture = attrs.assetId
      ? ['img', { src: this.options.assetUrl(attrs.assetId), alt: attrs.alt }]
      : ['p', { class: 'figure-empty' }, attrs.emptyReason ?? 'No picture yet.'];
    return ['figure', mergeAttributes({ 'data-figure': '' }, HTMLAttributes), picture, ['figcaption', attrs.caption]];
  },

  addNodeView() {
    return this.options.interactive ? ReactNodeViewRenderer(FigureView) : null;
  },

  addCommands() {
    return {
      insertFigure:
        (attrs, place) =>
        ({ tr, commands }) => {
          const figure = { type: this.name, attrs: { ...defaults, ...attrs } };
          const { from, to } = place ?? figurePlaceAtCaret(tr.doc, tr.selection.from);
          return commands.insertContentAt({ from, to }, figure);
        },
      setFigureCaption:
        (position, caption) =>
        ({ tr, dispatch }) => {
          if (tr.doc.nodeAt(position)?.type.name !== this.name) return false;
          if (dispatch) tr.setNodeAttribute(position, 'caption', caption);
          return true;
        },
      removeFigure:
        (position) =>
        ({ tr, dispatch }) => {
          const node = tr.doc.nodeAt(position);
          if (node?.type.name !== this.name) return false;
          if (dispatch) tr.delete(position, position + node.nodeSize);
          return true;
        },
    };
  },
});
