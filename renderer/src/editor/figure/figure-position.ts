import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { FigureAttrs } from '@contract/studio-api';

/** Where the first top-level figure that `matches` is; -1 when there is none. */
export function figurePosition(doc: ProseMirrorNode, matches: (attrs: FigureAttrs) => boolean): number {
  let found = -1;
  doc.forEach((node, offset) => {
    if (found < 0 && node.type.name === 'figure' && matches(node.attrs as FigureAttrs)) found = offset;
  });
  return found;
}
