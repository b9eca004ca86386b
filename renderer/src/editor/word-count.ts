import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/** Words in the article's headings and paragraphs (captions are the figures', not the text's). */
export function wordCount(doc: ProseMirrorNode): number {
  let words = 0;
  doc.forEach((node) => {
    if (node.isTextblock) words += node.textContent.split(/\s+/).filter(Boolean).length;
  });
  return words;
}
