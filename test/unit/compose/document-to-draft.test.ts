/**
 * Lists and quotes are article text for the model: each is one of the draft's paragraphs, and
 * figures placed again go after the right block, with the writer's marks, lists and quotes kept.
 */
import { describe, expect, it } from 'vitest';
import { documentToDraft } from '../../../electron/studio/compose/document-to-draft';
import { withFigures } from '../../../electron/studio/compose/draft-to-document';
import type { SlotDraft } from '../../../electron/studio/compose/compose-types';
import {
  DOCUMENT_SCHEMA_VERSION,
  figure,
  heading,
  paragraph,
  type ArticleDocument,
  type BlockNode,
} from '../../../electron/studio/documents/article-document';

const item = (text: string) => ({ type: 'listItem' as const, content: [paragraph(text)] as [ReturnType<typeof paragraph>] });
const bold = {
  type: 'paragraph' as const,
  content: [{ type: 'text' as const, text: 'Strong words.', marks: [{ type: 'bold' as const }] }],
};

function article(): ArticleDocument {
  const content: BlockNode[] = [
    heading(1, 'Packing'),
    paragraph('What to bring.'),
    { type: 'orderedList', attrs: { start: 3 }, content: [item('Boots'), item('A map')] },
    figure({ assetId: 'a'.repeat(64), caption: 'Boots' }),
    { type: 'blockquote', content: [paragraph('Travel light.'), { type: 'bulletList', content: [item('Really')] }] },
    bold,
  ];
  return { type: 'doc', attrs: { schemaVersion: DOCUMENT_SCHEMA_VERSION }, content };
}

const slot = (afterParagraph: number, title: string): SlotDraft => ({
  afterParagraph,
  title,
  candidates: [],
  chosen: null,
  caption: '',
  alt: '',
  emptyReason: 'none',
});

describe('documentToDraft', () => {
  it('shows lists and quotes to the model as paragraphs, numbered as written', () => {
    const draft = documentToDraft(article(), () => null);
    expect(draft.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Packing' },
      { kind: 'paragraph', text: 'What to bring.', paragraphIndex: 0 },
      { kind: 'paragraph', text: '3. Boots 4. A map', paragraphIndex: 1 },
      { kind: 'paragraph', text: 'Travel light. Really', paragraphIndex: 2 },
      { kind: 'paragraph', text: 'Strong words.', paragraphIndex: 3 },
    ]);
    expect(draft.paragraphNodes).toEqual([1, 2, 4, 5]);
    expect(draft.slots.map((each) => each.afterParagraph)).toEqual([1]);
  });
});

describe('withFigures', () => {
  it('puts each figure after its block and keeps every other block as it was', () => {
    const before = article();
    const { paragraphNodes } = documentToDraft(before, () => null);
    const placed = withFigures(before, [slot(2, 'after the quote'), slot(0, 'after the opening')], paragraphNodes);
    expect(placed.content.map((node) => (node.type === 'figure' ? `figure: ${node.attrs.slotTitle}` : node.type))).toEqual([
      'heading',
      'paragraph',
      'figure: after the opening',
      'orderedList',
      'blockquote',
      'figure: after the quote',
      'paragraph',
    ]);
    expect(placed.content.filter((node) => node.type !== 'figure')).toEqual(before.content.filter((node) => node.type !== 'figure'));
  });
});
