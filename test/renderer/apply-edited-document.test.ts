// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { fromEditorJson } from '../../renderer/src/editor/article-document';
import { applyEditedDocument } from '../../renderer/src/editor/apply-edited-document';
import { trackChanges } from '../../renderer/src/editor/track-changes';
import { articleEditorFor, doc, fig, h, p, paragraphs } from './article-editor-fixture';

let editor: Editor;
afterEach(() => editor?.destroy());

const original = doc(h(1, 'Harbours'), p('First paragraph.'), fig(), p('Second paragraph.'), p('Third paragraph.'));

describe('applying a model edit', () => {
  it('replaces only what changed, in one step that Undo takes back exactly and Redo puts back', () => {
    editor = articleEditorFor(original);
    const edited = doc(h(1, 'Harbours'), p('First paragraph.'), fig(), p('The second, rewritten.'), p('Third paragraph.'));
    expect(applyEditedDocument(editor, original, edited)).toBe('applied');
    expect(fromEditorJson(editor.getJSON())).toEqual(edited);
    editor.commands.undo();
    expect(fromEditorJson(editor.getJSON())).toEqual(original);
    expect(editor.can().undo()).toBe(false);
    editor.commands.redo();
    expect(fromEditorJson(editor.getJSON())).toEqual(edited);
  });

  it('inserts a new paragraph (insert after) as one undoable step', () => {
    editor = articleEditorFor(original);
    const edited = doc(h(1, 'Harbours'), p('First paragraph.'), p('A new one.'), fig(), p('Second paragraph.'), p('Third paragraph.'));
    applyEditedDocument(editor, original, edited);
    expect(paragraphs(editor.getJSON())).toEqual(['First paragraph.', 'A new one.', 'Second paragraph.', 'Third paragraph.']);
    editor.commands.undo();
    expect(fromEditorJson(editor.getJSON())).toEqual(original);
  });

  it('is an undo step of its own, apart from typing just before and just after it', () => {
    editor = articleEditorFor(original);
    const endOfSecond = () =>
      editor.state.doc.child(0).nodeSize +
      editor.state.doc.child(1).nodeSize +
      editor.state.doc.child(2).nodeSize +
      editor.state.doc.child(3).nodeSize -
      1;
    editor.commands.insertContentAt(endOfSecond(), ' Typed.');
    const sent = fromEditorJson(editor.getJSON());
    const edited = doc(h(1, 'Harbours'), p('First paragraph.'), fig(), p('Model text.'), p('Third paragraph.'));
    applyEditedDocument(editor, sent, edited);
    editor.commands.insertContentAt(endOfSecond(), ' More.');
    expect(paragraphs(editor.getJSON())[1]).toBe('Model text. More.');
    editor.commands.undo();
    expect(paragraphs(editor.getJSON())[1]).toBe('Model text.');
    editor.commands.undo();
    expect(paragraphs(editor.getJSON())[1]).toBe('Second paragraph. Typed.');
    editor.commands.undo();
    expect(fromEditorJson(editor.getJSON())).toEqual(original);
  });

  it('does nothing when the answer is the document that was sent', () => {
    editor = articleEditorFor(original);
    expect(applyEditedDocument(editor, original, structuredClone(original))).toBe('unchanged');
    expect(editor.can().undo()).toBe(false);
  });

  it('keeps what the writer typed elsewhere while the model worked', () => {
    editor = articleEditorFor(original);
    const tracker = trackChanges(editor);
    editor.commands.insertContentAt(1 + 'Harbours'.length, ' and quays');
    const edited = doc(h(1, 'Harbours'), p('First paragraph.'), fig(), p('Second paragraph.'), p('Third, shorter.'));
    expect(applyEditedDocument(editor, original, edited, tracker.mapping)).toBe('applied');
    tracker.stop();
    const now = fromEditorJson(editor.getJSON());
    expect(now.content[0]).toEqual(h(1, 'Harbours and quays'));
    expect(now.content[4]).toEqual(p('Third, shorter.'));
  });

  it('keeps the writer’s version when they changed the same paragraph meanwhile', () => {
    editor = articleEditorFor(original);
    const tracker = trackChanges(editor);
    const second = editor.state.doc.child(0).nodeSize + editor.state.doc.child(1).nodeSize + editor.state.doc.child(2).nodeSize;
    editor.commands.insertContentAt(second + 1, 'My ');
    const edited = doc(h(1, 'Harbours'), p('First paragraph.'), fig(), p('Model text.'), p('Third paragraph.'));
    expect(applyEditedDocument(editor, original, edited, tracker.mapping)).toBe('conflict');
    expect(paragraphs(editor.getJSON())).toEqual(['First paragraph.', 'My Second paragraph.', 'Third paragraph.']);
  });
});
