/**
 * A paragraph's text with its marks, in the two forms the exports need: flat runs (Word: each
 * run bold or italic, grouped under a link) and a tree of nested marks (Markdown and HTML:
 * `<a><strong><em>`), where neighbouring text sharing a mark shares one element, so bold text
 * with an italic word inside is one strong, not three. Links to anything but the web or e-mail
 * are written as their text (the document was cleaned on the way in; this is the last check).
 */
import type { InlineNode } from '../documents/article-document';
import { isSafeHref } from '../documents/safe-links';

export interface InlineRun {
  /** The text, or '\n' for a line break. */
  text: string;
  lineBreak: boolean;
  bold: boolean;
  italic: boolean;
  href: string | null;
}

export type InlineTree =
  | { kind: 'text'; run: InlineRun }
  | { kind: 'link'; href: string; children: InlineTree[] }
  | { kind: 'bold' | 'italic'; children: InlineTree[] };

/**
 * The runs of a paragraph or heading. Spaces at either end of a bold or italic run are moved
 * out of the mark: Markdown does not read `**word **` as bold, and it reads the same elsewhere.
 */
export function inlineRuns(content: readonly InlineNode[] | undefined): InlineRun[] {
  const runs: InlineRun[] = [];
  for (const node of content ?? []) {
    const marks = node.marks ?? [];
    const link = marks.find((mark) => mark.type === 'link');
    const styled = {
      bold: marks.some((mark) => mark.type === 'bold'),
      italic: marks.some((mark) => mark.type === 'italic'),
      href: link && isSafeHref(link.attrs.href) ? link.attrs.href : null,
    };
    if (node.type === 'hardBreak') {
      runs.push({ text: '\n', lineBreak: true, ...styled, bold: false, italic: false });
      continue;
    }
    const [, before = '', middle = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(node.text) ?? [];
    const plain = { ...styled, bold: false, italic: false, lineBreak: false };
    if (before) runs.push({ text: before, ...plain });
    if (middle) runs.push({ text: middle, lineBreak: false, ...styled });
    if (after) runs.push({ text: after, ...plain });
  }
  return runs;
}

const NESTING = ['link', 'bold', 'italic'] as const;

/** The runs as nested marks: links outermost, then bold, then italic. */
export function inlineTree(runs: readonly InlineRun[], level = 0): InlineTree[] {
  const mark = NESTING[level];
  if (!mark) return runs.map((run) => ({ kind: 'text', run }));
  const key = (run: InlineRun): string | null => (mark === 'link' ? run.href : run[mark] ? mark : null);
  const trees: InlineTree[] = [];
  for (let start = 0; start < runs.length;) {
    const value = key(runs[start] as InlineRun);
    let end = start + 1;
    while (end < runs.length && key(runs[end] as InlineRun) === value) end++;
    const children = inlineTree(runs.slice(start, end), level + 1);
    if (value === null) trees.push(...children);
    else trees.push(mark === 'link' ? { kind: 'link', href: value, children } : { kind: mark, children });
    start = end;
  }
  return trees;
}
