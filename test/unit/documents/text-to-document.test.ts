import { describe, expect, it } from 'vitest';
import { heading, paragraph } from '../../../electron/studio/documents/article-document';
import { parseMarkdownArticle } from '../../../electron/studio/documents/parse-markdown-article';
import { textToDocument } from '../../../electron/studio/documents/text-to-document';

describe('plain text import', () => {
  it('reads an outline without blank lines as one point per line', () => {
    expect(textToDocument('Harbour at dawn\n- boats leave\n- gulls\r\nMarket opens').content).toEqual([
      paragraph('Harbour at dawn'),
      paragraph('boats leave'),
      paragraph('gulls'),
      paragraph('Market opens'),
    ]);
  });

  it('joins hard-wrapped prose and finds headings standing alone', () => {
    const text = '\uFEFFHarbour at Dawn\n\nThe harbour wakes\nbefore the town.\n\nBoats\n\n- nets\n- ropes\n\nThe end.';
    expect(textToDocument(text).content).toEqual([
      heading(1, 'Harbour at Dawn'),
      paragraph('The harbour wakes before the town.'),
      heading(2, 'Boats'),
      paragraph('nets'),
      paragraph('ropes'),
      paragraph('The end.'),
    ]);
  });

  it('keeps a Markdown article’s headings, paragraphs, marks, lists and quotes beside its pictures', async () => {
    const markdown = '# Title\n\nIntro with *emphasis* and `code`.\n\n![x](a.png)\n\nSetext\n------\n\n1. first\n2. second\n\n> quoted\n';
    expect((await parseMarkdownArticle(markdown)).document.content.filter((node) => node.type !== 'figure')).toEqual([
      heading(1, 'Title'),
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Intro with ' },
          { type: 'text', text: 'emphasis', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' and code.' },
        ],
      },
      heading(2, 'Setext'),
      {
        type: 'orderedList',
        attrs: { start: 1 },
        content: [
          { type: 'listItem', content: [paragraph('first')] },
          { type: 'listItem', content: [paragraph('second')] },
        ],
      },
      { type: 'blockquote', content: [paragraph('quoted')] },
    ]);
  });
});
