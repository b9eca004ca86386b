/**
 * Markdown's inline content (mdast phrasing) to the document's text nodes: strong is bold,
 * emphasis italic, a link to the web or e-mail a link (any other address keeps only its text),
 * a hard break a line break. What the document cannot mark (inline code, inline HTML, an image
 * in running text) stays as its text, never dropped. Whitespace runs become one space.
 */
import type { Definition, PhrasingContent } from 'mdast';
import type { InlineNode, Mark } from './article-document';
import { isSafeHref } from './safe-links';

/** Link reference definitions (`[id]: url`), by their normalised identifier. */
export type Definitions = ReadonlyMap<string, Definition>;

export function inlineContent(children: readonly PhrasingContent[], definitions: Definitions): InlineNode[] {
  const nodes: InlineNode[] = [];
  const addText = (text: string, marks: readonly Mark[]): void => {
    const value = text.replace(/\s+/g, ' ');
    const last = nodes.at(-1);
    if (last?.type === 'text' && sameMarks(last.marks ?? [], marks)) last.text += value;
    else if (value) nodes.push({ type: 'text', text: value, ...(marks.length > 0 ? { marks: [...marks] } : {}) });
  };
  const walk = (list: readonly PhrasingContent[], marks: readonly Mark[]): void => {
    for (const node of list) {
      if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'html') addText(node.value, marks);
      else if (node.type === 'break') nodes.push({ type: 'hardBreak' });
      else if (node.type === 'image' || node.type === 'imageReference') addText(node.alt ?? '', marks);
      else if (node.type === 'strong') walk(node.children, withMark(marks, { type: 'bold' }));
      else if (node.type === 'emphasis') walk(node.children, withMark(marks, { type: 'italic' }));
      else if (node.type === 'link' || node.type === 'linkReference') {
        const href = node.type === 'link' ? node.url : definitions.get(node.identifier)?.url;
        walk(node.children, isSafeHref(href) ? withMark(marks, { type: 'link', attrs: { href } }) : marks);
      } else if ('children' in node) walk(node.children as PhrasingContent[], marks);
    }
  };
  walk(children, []);
  return trimmed(nodes);
}

/** Without the spaces at either end, and without a text node left empty by that. */
function trimmed(nodes: InlineNode[]): InlineNode[] {
  const first = nodes[0];
  if (first?.type === 'text') first.text = first.text.trimStart();
  const last = nodes.at(-1);
  if (last?.type === 'text') last.text = last.text.trimEnd();
  return nodes.filter((node) => node.type !== 'text' || node.text !== '');
}

/** Marks in Tiptap's order (link, bold, italic), each once. */
function withMark(marks: readonly Mark[], mark: Mark): Mark[] {
  const order = ['link', 'bold', 'italic'];
  return [...marks.filter((each) => each.type !== mark.type), mark].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
