// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { fromEditorJson } from '../../renderer/src/editor/article-document';
import { applyLink, linkAtSelection, removeLink } from '../../renderer/src/editor/formatting/link-commands';
import { linkAddress, REFUSED_ADDRESS } from '../../renderer/src/editor/formatting/link-address';
import { articleEditorFor, doc, p } from './article-editor-fixture';

let editor: Editor;
afterEach(() => editor?.destroy());

const saved = () => fromEditorJson(editor.getJSON()).content;
const linked = (text: string, href: string) => ({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] });

describe('a link address', () => {
  it('is a web page or an email address', () => {
    expect(linkAddress('https://example.org/a?b=c#d')).toEqual({ href: 'https://example.org/a?b=c#d' });
    expect(linkAddress('  http://example.org ')).toEqual({ href: 'http://example.org' });
    expect(linkAddress('mailto:editor@example.org')).toEqual({ href: 'mailto:editor@example.org' });
  });

  it('takes a writer’s shorthand: a bare host is https, a bare email is mailto', () => {
    expect(linkAddress('example.org/harbours')).toEqual({ href: 'https://example.org/harbours' });
    expect(linkAddress('example.org:8080')).toEqual({ href: 'https://example.org:8080' });
    expect(linkAddress('editor@example.org')).toEqual({ href: 'mailto:editor@example.org' });
  });

  it('refuses anything else, saying what is allowed', () => {
    for (const address of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<b>x</b>',
      'ftp://example.org',
      '/home/me/notes',
      'C:\\notes.txt',
      'localhost',
      'https://',
      'mailto:nobody',
    ])
      expect(linkAddress(address)).toEqual({ refused: REFUSED_ADDRESS });
    expect(linkAddress('   ')).toEqual({ refused: expect.stringMatching(/Type an address/) });
  });
});

describe('the link commands', () => {
  it('link the selection with its address alone, and take it off again', () => {
    editor = articleEditorFor(doc(p('Read the harbour guide.')));
    editor.commands.setTextSelection({ from: 10, to: 23 });
    expect(applyLink(editor, 'example.org/guide')).toBeNull();
    expect(saved()).toEqual([
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'Read the ' }, linked('harbour guide', 'https://example.org/guide'), { type: 'text', text: '.' }],
      },
    ]);
    // The caret after the link, to type on.
    expect([editor.state.selection.from, editor.state.selection.to]).toEqual([23, 23]);
    editor.commands.setTextSelection(14);
    expect(linkAtSelection(editor)).toBe('https://example.org/guide');
    expect(applyLink(editor, 'https://example.org/new')).toBeNull();
    expect(saved()[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Read the ' }, linked('harbour guide', 'https://example.org/new'), { type: 'text', text: '.' }],
    });
    editor.commands.setTextSelection(14);
    removeLink(editor);
    expect(saved()[0]).toEqual(p('Read the harbour guide.'));
  });

  it('end where the link ends: text typed right after it is plain', () => {
    editor = articleEditorFor(doc(p('Read the guide')));
    editor.commands.setTextSelection({ from: 10, to: 15 });
    applyLink(editor, 'https://example.org');
    editor.commands.setTextSelection(15);
    editor.view.dispatch(editor.state.tr.insertText('.'));
    expect(saved()[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Read the ' }, linked('guide', 'https://example.org'), { type: 'text', text: '.' }],
    });
  });

  it('put the address in as the text when nothing is selected', () => {
    editor = articleEditorFor(doc(p('Write to ')));
    editor.commands.setTextSelection(10);
    expect(applyLink(editor, 'editor@example.org')).toBeNull();
    expect(saved()[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Write to ' }, linked('editor@example.org', 'mailto:editor@example.org')],
    });
  });

  it('refuse a script address and leave the article as it was', () => {
    editor = articleEditorFor(doc(p('Click me')));
    editor.commands.setTextSelection({ from: 1, to: 6 });
    expect(applyLink(editor, 'javascript:alert(1)')).toBe(REFUSED_ADDRESS);
    expect(editor.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(saved()).toEqual([p('Click me')]);
  });

  it('open the writer’s link field on Ctrl+K, not while the article is read-only', () => {
    let asked = 0;
    editor = articleEditorFor(doc(p('Harbour')), { editLink: () => asked++ });
    const pressCtrlK = () =>
      editor.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true, cancelable: true }));
    pressCtrlK();
    expect(asked).toBe(1);
    editor.setEditable(false);
    pressCtrlK();
    expect(asked).toBe(1);
  });

  it('link what the page shows selected, even before the editor has heard of the selection', () => {
    let asked = 0;
    editor = articleEditorFor(doc(p('write to the editor')), { editLink: () => asked++ });
    globalThis.document.body.append(editor.view.dom);
    editor.commands.setTextSelection({ from: 17, to: 20 }); // "tor": what the editor last heard
    // "editor", selected backwards with Shift+← (the paragraph shows "write to the edi" and "tor").
    const [start, end] = [...editor.view.dom.querySelector('p')!.childNodes].map((node) =>
      node.nodeType === Node.TEXT_NODE ? node : node.firstChild!,
    );
    globalThis.document.getSelection()!.setBaseAndExtent(end!, 3, start!, 13);
    editor.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true, cancelable: true }));
    expect(asked).toBe(1);
    expect(applyLink(editor, 'editor@example.org')).toBeNull();
    expect(saved()[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'write to the ' }, linked('editor', 'mailto:editor@example.org')],
    });
  });

  it('link a pasted web address, and never a pasted script address', () => {
    editor = articleEditorFor(doc({ type: 'paragraph' }));
    editor.view.pasteText('https://example.org/boats');
    expect(saved()[0]).toEqual({ type: 'paragraph', content: [linked('https://example.org/boats', 'https://example.org/boats')] });
    editor.commands.setContent({ type: 'doc', content: [{ type: 'paragraph' }] });
    editor.view.pasteHTML('<p><a href="javascript:alert(1)">x</a> <a href="file:///etc/passwd">y</a></p>');
    expect(JSON.stringify(saved())).not.toContain('"link"');
  });
});
