import { describe, expect, it } from 'vitest';
import { figure, heading, paragraph, type ArticleDocument, type TextNode } from '../../../electron/studio/documents/article-document';
import { documentShapeProblem } from '../../../electron/studio/documents/document-schema';
import { markdownToDocument } from '../../../electron/studio/documents/markdown-to-document';
import { documentToMarkdown } from '../../../electron/studio/export/document-to-markdown';

const TRICKY = [
  '# not a heading',
  '1. not a list',
  '- not a bullet',
  '*not emphasis* and _this_',
  '<div>not html</div> & &amp;',
  '[not](a link) `not code`',
  'a back\\slash\\',
  '> not a quote',
  '    not code',
  'Ends with two spaces  ',
  '| not | a table |',
  '***',
  '+ plus',
];

function article(): ArticleDocument {
  const id = 'a'.repeat(64);
  return {
    type: 'doc',
    attrs: { schemaVersion: 1 },
    content: [
      heading(1, 'Title *with* stars'),
      ...TRICKY.map((text) => paragraph(text)),
      figure({ assetId: id, caption: '*Caption* with <tags> & "quotes"', alt: 'alt [with] brackets', slotTitle: 'a "title"' }),
      heading(6, 'Deep heading'),
    ],
  };
}

describe('Markdown export and import', () => {
  it('reads back exactly the text it wrote, however much it looks like Markdown', () => {
    const markdown = documentToMarkdown(article(), () => 'images/figure 1.png');
    const { document, images } = markdownToDocument(markdown);
    expect(images).toEqual([{ index: TRICKY.length + 1, src: 'images/figure 1.png', alt: 'alt [with] brackets' }]);
    const expected = article().content.map((node) =>
      node.type === 'figure'
        ? {
            ...node,
            attrs: {
              ...node.attrs,
              assetId: null,
              candidates: [],
              chosen: null,
              provenance: null,
              emptyReason: 'The picture was not imported.',
            },
          }
        : { ...node, content: node.content?.map((text) => ({ ...text, text: (text as TextNode).text.trim() })) },
    );
    expect(document.content).toEqual(expected);
  });

  it('writes figures as CommonMark images with the caption in italics, the one form it writes', () => {
    const markdown = documentToMarkdown(article(), () => 'assets/x.png');
    expect(markdown).toContain('![alt \\[with\\] brackets](assets/x.png "a \\"title\\"")\n\n*\\*Caption\\* with \\<tags> & "quotes"*\n');
    expect(markdown).not.toContain('<img');
  });

  it('still reads the reference demo’s centred images (what folio compose wrote before)', () => {
    const markdown =
      '# Title\n\n<p align="center"><img src="assets/x.png" alt="alt [with] brackets" width="600"></p>\n<p align="center"><em>*Caption* with &lt;tags&gt; &amp; "quotes"</em></p>\n\nText.\n';
    const { document, images } = markdownToDocument(markdown);
    expect(images).toEqual([{ index: 1, src: 'assets/x.png', alt: 'alt [with] brackets' }]);
    expect(document.content[1]).toMatchObject({
      type: 'figure',
      attrs: { caption: '*Caption* with <tags> & "quotes"', alt: 'alt [with] brackets' },
    });
  });

  it('moves a picture alone in a list or a quote to a figure after it (figures stand at the top level)', () => {
    const { document, images } = markdownToDocument('- Boats\n- ![a boat](boat.png)\n\n> ![a net](net.png)\n\nAfter.\n');
    expect(document.content.map((node) => node.type)).toEqual(['bulletList', 'figure', 'figure', 'paragraph']);
    expect(documentShapeProblem(document)).toBeNull();
    expect(document.content[0]).toEqual({
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [paragraph('Boats')] },
        { type: 'listItem', content: [{ type: 'paragraph' }] },
      ],
    });
    expect(images).toEqual([
      { index: 1, src: 'boat.png', alt: 'a boat' },
      { index: 2, src: 'net.png', alt: 'a net' },
    ]);
  });

  it('leaves empty slots out', () => {
    const document: ArticleDocument = { type: 'doc', attrs: { schemaVersion: 1 }, content: [paragraph('a'), figure(), paragraph('b')] };
    expect(documentToMarkdown(document, () => 'x.png')).toBe('a\n\nb\n');
  });
});
