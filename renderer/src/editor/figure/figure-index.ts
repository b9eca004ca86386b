import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/** The figure's number among the document's figures (what figureAction calls figureIndex); -1 if none is there. */
export function figureIndexAt(doc: ProseMirrorNode, position: number): number {
  let index = 0;
  let found = -1;
  doc.forEach((node, offset) => {
    if (found >= 0 || node.type.name !== 'figure') return;
    if (offset === position) found = index;
    index++;
  });
  return found;
}
