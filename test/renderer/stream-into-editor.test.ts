// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { streamIntoEditor, type FrameScheduler } from '../../renderer/src/editor/stream-into-editor';
import { articleEditorFor, doc, paragraphs } from './article-editor-fixture';

/** Frames that run only when the test says so. */
function manualFrames(): FrameScheduler & { run(): void; pending(): number } {
  let callbacks = new Map<number, () => void>();
  let next = 1;
  return {
    request(callback) {
      callbacks.set(next, callback);
      return next++;
    },
    cancel: (handle) => void callbacks.delete(handle),
    run() {
      const due = callbacks;
      callbacks = new Map();
      for (const callback of due.values()) callback();
    },
    pending: () => callbacks.size,
  };
}

let editor: Editor;
afterEach(() => editor?.destroy());

function countTransactions(target: Editor): () => number {
  let count = 0;
  target.on('transaction', ({ transaction }) => {
    if (transaction.docChanged) count++;
  });
  return () => count;
}

describe('streaming model text into the editor', () => {
  it('writes many deltas of one frame in one transaction', () => {
    editor = articleEditorFor(doc());
    const frames = manualFrames();
    const transactions = countTransactions(editor);
    const stream = streamIntoEditor(editor, frames);
    for (const token of ['The ', 'boats ', 'come ', 'in', '.']) stream.push(token);
    expect(frames.pending()).toBe(1);
    expect(transactions()).toBe(0);
    frames.run();
    expect(transactions()).toBe(1);
    expect(paragraphs(editor.getJSON())).toEqual(['The boats come in.']);
  });

  it('starts a new paragraph at a blank line, even one split across frames', () => {
    editor = articleEditorFor(doc());
    const frames = manualFrames();
    const stream = streamIntoEditor(editor, frames);
    stream.push('First para');
    stream.push('graph.\n');
    frames.run();
    stream.push('\nSecond ');
    stream.push('one\nwith a line break.\n\n\nThird.');
    frames.run();
    stream.close();
    expect(paragraphs(editor.getJSON())).toEqual(['First paragraph.', 'Second one with a line break.', 'Third.']);
  });

  it('formats headings while streaming, even when the marker is split across frames (issue 15)', () => {
    editor = articleEditorFor(doc());
    const frames = manualFrames();
    const stream = streamIntoEditor(editor, frames);
    const blocks = () =>
      (editor.getJSON().content ?? []).map(
        (node) =>
          `${node.type}${node.attrs?.level ?? ''}:${(node.content ?? []).map((child) => ('text' in child ? child.text : '')).join('')}`,
      );
    stream.push('#');
    frames.run();
    expect(blocks()).toEqual(['paragraph:']);
    stream.push(' A day on');
    frames.run();
    expect(blocks()).toEqual(['heading1:A day on']);
    stream.push(' the coast\n\nThe sea was calm.\n\n#');
    frames.run();
    stream.push('# Morning\n\nBoats');
    frames.run();
    expect(blocks()).toEqual(['heading1:A day on the coast', 'paragraph:The sea was calm.', 'heading2:Morning', 'paragraph:Boats']);
    // A hash inside a paragraph is text.
    stream.push(' left at #3');
    stream.close();
    expect(blocks().at(-1)).toBe('paragraph:Boats left at #3');
  });

  it('keeps streamed text out of the undo history', () => {
    editor = articleEditorFor(doc());
    const frames = manualFrames();
    const stream = streamIntoEditor(editor, frames);
    stream.push('Not undoable.');
    frames.run();
    expect(paragraphs(editor.getJSON())).toEqual(['Not undoable.']);
    expect(editor.can().undo()).toBe(false);
  });

  it('drops what is buffered on cancel', () => {
    editor = articleEditorFor(doc());
    const frames = manualFrames();
    const stream = streamIntoEditor(editor, frames);
    stream.push('never shown');
    stream.cancel();
    frames.run();
    expect(paragraphs(editor.getJSON())).toEqual(['']);
  });
});
