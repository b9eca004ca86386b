import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { wordCount } from './word-count';

/** What an article holds, in words for a message: "2 headings, 5 paragraphs (812 words) and 1 figure". */
export function describeArticle(doc: ProseMirrorNode): string {
  let headings = 0;
  let paragraphs = 0;
  let figures = 0;
  doc.forEach((node) => {
    if (node.type.name === 'heading') headings++;
    else if (node.type.name === 'figure') figures++;
    else if (node.textContent.trim()) paragraphs++;
  });
  const words = wordCount(doc);
  const parts = [
    ...(headings > 0 ? [counted(headings, 'heading')] : []),
    `${counted(paragraphs, 'paragraph')} (${counted(words, 'word')})`,
    figures > 0 ? counted(figures, 'figure') : 'no figures',
  ];
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) as string}`;
}

function counted(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}
