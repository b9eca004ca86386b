// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { fromEditorJson } from '../../renderer/src/editor/article-document';
import {
  BLOCK_STYLES,
  FORMAT_TOOLS,
  setBlockStyle,
  blockStyleAt,
  type FormatToolName,
} from '../../renderer/src/editor/formatting/format-tools';
import { shortcutLabel } from '../../renderer/src/keyboard/shortcuts';
import { wordCount } from '../../renderer/src/editor/word-count';
import { articleEditorFor, doc, fig, p } from './article-editor-fixture';

let editor: Editor;
afterEach(() => editor?.destroy());

const tool = (name: FormatToolName) => FORMAT_TOOLS.find((candidate) => candidate.name === name)!;
const saved = () => fromEditorJson(editor.getJSON()).content;

/** Selects `text` inside the first block that holds it. */
function select(text: string): void {
  let from = -1;
  editor.state.doc.descendants((node, position) => {
    if (from < 0 && node.isText && node.text?.includes(text)) from = position + node.text.indexOf(text);
  });
  expect(from).toBeGreaterThanOrEqual(0);
  editor.commands.setTextSelection({ from, to: from + text.length });
}

describe('the formatting tools', () => {
  it('make the selection bold and italic, show it as pressed, and take it off again', () => {
    editor = articleEditorFor(doc(p('The boats come in.')));
    select('boats');
    expect(tool('bold').toggle?.(editor)).toBe(true);
    expect(tool('italic').toggle?.(editor)).toBe(true);
    expect(tool('bold').isActive(editor) && tool('italic').isActive(editor)).toBe(true);
    expect(saved()).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'The ' },
          { type: 'text', text: 'boats', marks: [{ type: 'bold' }, { type: 'italic' }] },
          { type: 'text', text: ' come in.' },
        ],
      },
    ]);
    tool('bold').toggle?.(editor);
    expect(tool('bold').isActive(editor)).toBe(false);
    expect(saved()[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'The ' },
        { type: 'text', text: 'boats', marks: [{ type: 'italic' }] },
        { type: 'text', text: ' come in.' },
      ],
    });
  });

  it('turns paragraphs into a bulleted list, a numbered list and a quote', () => {
    editor = articleEditorFor(doc(p('Nets'), p('Boats'), p('Gulls')));
    select('Nets');
    tool('bulletList').toggle?.(editor);
    expect(tool('bulletList').isActive(editor)).toBe(true);
    select('Boats');
    tool('orderedList').toggle?.(editor);
    select('Gulls');
    tool('blockquote').toggle?.(editor);
    expect(saved().map((block) => block.type)).toEqual(['bulletList', 'orderedList', 'blockquote']);
    expect(saved()[0]).toEqual({ type: 'bulletList', content: [{ type: 'listItem', content: [p('Nets')] }] });
    expect(saved()[2]).toEqual({ type: 'blockquote', content: [p('Gulls')] });
    tool('blockquote').toggle?.(editor);
    expect(saved()[2]).toEqual(p('Gulls'));
  });

  it('answers the usual shortcuts', () => {
    editor = articleEditorFor(doc(p('Nets'), p('Boats')));
    select('Nets');
    const press = (key: string, modifiers: KeyboardEventInit) =>
      editor.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey: true, bubbles: true, cancelable: true, ...modifiers }));
    press('b', {});
    press('i', {});
    expect(tool('bold').isActive(editor) && tool('italic').isActive(editor)).toBe(true);
    press('8', { shiftKey: true, code: 'Digit8' });
    expect(tool('bulletList').isActive(editor)).toBe(true);
    select('Boats');
    press('B', { shiftKey: true, keyCode: 66 });
    expect(tool('blockquote').isActive(editor)).toBe(true);
  });

  it('cannot format a selected figure, and a figure never goes into a list or a quote', () => {
    editor = articleEditorFor(doc(p('Nets'), fig(), p('Boats')));
    editor.commands.setNodeSelection(editor.state.doc.child(0).nodeSize);
    for (const name of ['bold', 'bulletList', 'blockquote'] as const) expect(tool(name).canApply(editor)).toBe(false);
    const { schema } = editor;
    const figure = schema.nodes.figure!.create();
    for (const holder of ['listItem', 'blockquote'] as const) expect(schema.nodes[holder]!.contentMatch.matchType(figure.type)).toBeNull();

    select('Boats');
    tool('bulletList').toggle?.(editor);
    // The caret in the middle of "Boats": the figure goes after the list, which stays whole.
    select('oat');
    editor.commands.insertFigure({});
    expect(saved()).toEqual([
      p('Nets'),
      fig(),
      { type: 'bulletList', content: [{ type: 'listItem', content: [p('Boats')] }] },
      fig({ assetId: null, caption: '', alt: '', provenance: null, slotTitle: '', candidates: [], chosen: null }),
    ]);
  });

  it('sets a paragraph as a heading and back', () => {
    editor = articleEditorFor(doc(p('Evening')));
    select('Evening');
    expect(blockStyleAt(editor)).toBe('paragraph');
    setBlockStyle(editor, 'heading2');
    expect(saved()[0]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Evening' }] });
    expect(blockStyleAt(editor)).toBe('heading2');
    setBlockStyle(editor, 'paragraph');
    expect(saved()[0]).toEqual(p('Evening'));
  });

  it('counts the words in lists and quotes', () => {
    editor = articleEditorFor(
      doc(
        p('one two'),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p('three four')] }] },
        { type: 'blockquote', content: [p('five')] },
      ),
    );
    expect(wordCount(editor.state.doc)).toBe(5);
  });
});

describe('pasted rich text', () => {
  it('keeps bold, italic, links, lists and quotes and drops everything else', () => {
    editor = articleEditorFor(doc({ type: 'paragraph' }));
    editor.view.pasteHTML(
      '<h1>Title</h1><p><strong>bold</strong> <em>it</em> <u>under</u> <s>strike</s> <code>code</code> <a href="javascript:alert(1)">bad</a> <a href="https://example.org/" target="_blank" class="x" title="t">good</a></p>' +
        '<ul><li>one</li></ul><ol start="3"><li>three</li></ol><blockquote><p>quoted</p></blockquote><pre><code>block</code></pre><hr><table><tr><td>cell</td></tr></table>',
    );
    const json = JSON.stringify(saved());
    expect(json).toContain('{"type":"text","marks":[{"type":"bold"}],"text":"bold"}');
    expect(json).toContain('{"type":"text","marks":[{"type":"italic"}],"text":"it"}');
    expect(json).toContain('{"type":"text","marks":[{"type":"link","attrs":{"href":"https://example.org/"}}],"text":"good"}');
    expect(json).toContain('{"type":"text","text":" under strike code bad "}');
    for (const type of ['bulletList', 'orderedList', 'blockquote', 'heading']) expect(json).toContain(`"type":"${type}"`);
    for (const dropped of ['underline', 'strike', 'code', 'codeBlock', 'horizontalRule', 'table'])
      expect(json).not.toContain(`"type":"${dropped}"`);
    for (const dropped of ['javascript', '_blank', 'title']) expect(json).not.toContain(dropped);
  });

  it('keeps the bold and italic of a Google Docs paste, not its wrapper', () => {
    editor = articleEditorFor(doc({ type: 'paragraph' }));
    editor.view.pasteHTML(
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span style="font-weight:700;">Strong</span><span style="font-weight:400;"> and </span><span style="font-style:italic;font-weight:400;">slanted</span></p></b>',
    );
    expect(saved()).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Strong', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'slanted', marks: [{ type: 'italic' }] },
        ],
      },
    ]);
  });
});

describe('the text style shortcuts', () => {
  it('each style the menu and the README name is what its shortcut makes', () => {
    editor = articleEditorFor(doc(p('The boats come in.')));
    select('boats');
    for (const choice of [...BLOCK_STYLES.slice(1), BLOCK_STYLES[0]!]) {
      const digit = shortcutLabel(choice.shortcut).match(/Ctrl\+Alt\+(\d)$/)?.[1];
      expect(digit, choice.style).toBeDefined();
      const event = new KeyboardEvent('keydown', { key: digit, code: `Digit${digit}`, ctrlKey: true, altKey: true });
      editor.view.someProp('handleKeyDown', (handle) => handle(editor.view, event));
      expect(blockStyleAt(editor)).toBe(choice.style);
    }
  });
});
