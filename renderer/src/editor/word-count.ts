import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/** Words in the article's headings and paragraphs, in lists and quotes too (captions are the figures', not the text's). */
export function wordCount(doc: ProseMirrorNode): number {
  let words = 0;
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    words += node.textContent.split(/\s+/).filter(Boolean).length;
    return false;
  });
  return words;
}
