// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { fromEditorJson } from '../../renderer/src/editor/article-document';
import { figureIndexAt } from '../../renderer/src/editor/figure';
import { articleEditorFor, assetId, doc, fig, figureAttrs, h, p } from './article-editor-fixture';

let editor: Editor;
afterEach(() => editor?.destroy());

describe('the figure node', () => {
  it('round-trips a document with figures exactly as the studio saves it', () => {
    const document = doc(
      h(1, 'Harbours'),
      p('The boats come in.'),
      fig(),
      p('Evening.'),
      fig({ assetId: null, candidates: [], chosen: null, emptyReason: 'No picture matched.' }),
    );
    editor = articleEditorFor(document);
    expect(fromEditorJson(editor.getJSON())).toEqual(document);
  });

  it('inserts a figure with every attribute of FigureAttrs', () => {
    editor = articleEditorFor(doc(p('One.')));
    editor
      .chain()
      .setTextSelection(editor.state.doc.content.size)
      .insertFigure({ assetId: assetId(7), provenance: 'pasted', candidates: [assetId(7)], chosen: 0 })
      .run();
    const figures = fromEditorJson(editor.getJSON()).content.filter((node) => node.type === 'figure');
    expect(figures).toEqual([
      {
        type: 'figure',
        attrs: {
          assetId: assetId(7),
          caption: '',
          alt: '',
          provenance: 'pasted',
          slotTitle: '',
          candidates: [assetId(7)],
          chosen: 0,
          emptyReason: null,
        },
      },
    ]);
  });

  it('goes between blocks, never into a paragraph: not mid-word, not inside a link (issue 23, major 3)', () => {
    const linked = {
      type: 'paragraph' as const,
      content: [
        { type: 'text' as const, text: 'See ' },
        { type: 'text' as const, text: 'the harbour', marks: [{ type: 'link' as const, attrs: { href: 'https://example.com/harbour' } }] },
        { type: 'text' as const, text: ' at dawn.' },
      ],
    };
    const empty = fig({ assetId: null, caption: '', alt: '', provenance: null, slotTitle: '', candidates: [], chosen: null });
    editor = articleEditorFor(doc(p('First.'), linked, { type: 'paragraph', content: [] }, p('Last.')));
    const inLink = editor.state.doc.child(0).nodeSize + 1 + 'See the har'.length;
    editor.chain().setTextSelection(inLink).insertFigure({}).run();
    const blank = { type: 'paragraph' as const };
    expect(fromEditorJson(editor.getJSON()).content).toEqual([p('First.'), linked, empty, blank, p('Last.')]);

    // In an empty paragraph: instead of it.
    const inBlank = editor.state.doc.content.size - p('Last.').content[0]!.text.length - 2 - 1;
    editor.chain().setTextSelection(inBlank).insertFigure({}).run();
    expect(fromEditorJson(editor.getJSON()).content).toEqual([p('First.'), linked, empty, empty, p('Last.')]);

    // The caret at a paragraph's start: before it.
    editor.chain().setTextSelection(1).insertFigure({}).run();
    expect(fromEditorJson(editor.getJSON()).content).toEqual([empty, p('First.'), linked, empty, empty, p('Last.')]);

    // A place given (a drop) is taken as it is.
    editor.commands.insertFigure({}, { from: editor.state.doc.content.size, to: editor.state.doc.content.size });
    expect(fromEditorJson(editor.getJSON()).content.at(-1)).toEqual(empty);
  });

  it('changes a caption as one undoable step', () => {
    editor = articleEditorFor(doc(p('One.'), fig()));
    const position = editor.state.doc.child(0).nodeSize;
    expect(editor.commands.setFigureCaption(position, 'Nets drying on the wall')).toBe(true);
    expect(editor.getJSON().content?.[1]?.attrs).toEqual(figureAttrs({ caption: 'Nets drying on the wall' }));
    editor.commands.undo();
    expect(editor.getJSON().content?.[1]?.attrs?.caption).toBe('Boats at dusk');
  });

  it('refuses to caption something that is not a figure', () => {
    editor = articleEditorFor(doc(p('One.'), fig()));
    expect(editor.commands.setFigureCaption(0, 'no')).toBe(false);
    expect(editor.getJSON().content?.[0]).toEqual(p('One.'));
  });

  it('removes a figure and counts figures by position', () => {
    editor = articleEditorFor(doc(p('One.'), fig({ assetId: assetId(1) }), p('Two.'), fig({ assetId: assetId(2) })));
    const positions: number[] = [];
    editor.state.doc.forEach((node, offset) => node.type.name === 'figure' && positions.push(offset));
    expect(positions.map((position) => figureIndexAt(editor.state.doc, position))).toEqual([0, 1]);
    expect(figureIndexAt(editor.state.doc, 0)).toBe(-1);
    editor.commands.removeFigure(positions[0]!);
    expect(fromEditorJson(editor.getJSON()).content.map((node) => node.type)).toEqual(['paragraph', 'paragraph', 'figure']);
  });

  it('keeps a figure whole through copy and paste (its HTML)', () => {
    const original = fig({ caption: 'Quay "at" dusk', chosen: 2, assetId: assetId(3) });
    editor = articleEditorFor(doc(original));
    const html = editor.getHTML();
    expect(html).toContain('src="asset://');
    editor.commands.setContent(html);
    expect(editor.getJSON().content?.[0]).toEqual(original);
  });

  it('holds what the project files hold and nothing more (no code, strike, underline or rules)', () => {
    editor = articleEditorFor(doc(p('plain')));
    expect(Object.keys(editor.schema.marks).sort()).toEqual(['bold', 'italic', 'link']);
    expect(Object.keys(editor.schema.nodes).sort()).toEqual([
      'blockquote',
      'bulletList',
      'doc',
      'figure',
      'hardBreak',
      'heading',
      'listItem',
      'orderedList',
      'paragraph',
      'text',
    ]);
  });
});
