/**
 * Streamed model text into the editor, at most once per frame: deltas are buffered and one
 * transaction per frame appends them to the last paragraph, a blank line starting a new one.
 * The streamed text is kept out of the undo history; the finished document replaces it as the
 * undoable step.
 */
import type { Editor } from '@tiptap/core';
import { NOT_AN_EDIT } from './transaction-meta';

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export interface EditorStream {
  /** Adds model text; it reaches the editor on the next frame. */
  push(delta: string): void;
  /** Writes what is buffered now, newlines held back included. */
  close(): void;
  /** Drops what is buffered. */
  cancel(): void;
}

export function streamIntoEditor(editor: Editor, frames: FrameScheduler = animationFrames): EditorStream {
  let buffer = '';
  let frame: number | null = null;

  const flush = (final: boolean) => {
    frame = null;
    // A trailing newline may be half of a blank line: wait for the next text to know.
    const held = final ? '' : (/\n[ \t\n]*$/.exec(buffer)?.[0] ?? '');
    const text = buffer.slice(0, buffer.length - held.length);
    buffer = held;
    if (text) appendText(editor, text);
  };

  return {
    push(delta) {
      if (!delta) return;
      buffer += delta;
      frame ??= frames.request(() => flush(false));
    },
    close() {
      if (frame !== null) frames.cancel(frame);
      flush(true);
    },
    cancel() {
      if (frame !== null) frames.cancel(frame);
      frame = null;
      buffer = '';
    },
  };
}

/** One transaction: the first piece continues the last paragraph, each blank line starts another. */
function appendText(editor: Editor, text: string): void {
  const { schema } = editor;
  const pieces = text.split(/\n[ \t]*\n\s*/).map((piece) => piece.replace(/\s*\n\s*/g, ' '));
  const tr = editor.state.tr;
  const last = tr.doc.lastChild;
  const [first = '', ...rest] = pieces;
  if (last?.type.name === 'paragraph') {
    if (first) tr.insertText(last.content.size === 0 ? first.trimStart() : first, tr.doc.content.size - 1);
  } else if (first.trim()) {
    tr.insert(tr.doc.content.size, schema.nodes.paragraph!.create(null, schema.text(first.trimStart())));
  }
  for (const piece of rest) {
    const trimmed = piece.trimStart();
    tr.insert(tr.doc.content.size, schema.nodes.paragraph!.create(null, trimmed ? schema.text(trimmed) : null));
  }
  if (!tr.docChanged) return;
  editor.view.dispatch(tr.setMeta('addToHistory', false).setMeta(NOT_AN_EDIT, true));
}
