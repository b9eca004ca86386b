import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/** The article's first heading, as its title; null when it has none or only an empty one. */
export function firstHeading(doc: ProseMirrorNode): string | null {
  let text: string | null = null;
  doc.forEach((node) => {
    if (text === null && node.type.name === 'heading') text = node.textContent.trim() || null;
  });
  return text;
}
