/**
 * Streamed model text into the editor, at most once per frame: deltas are buffered and one
 * transaction per frame appends them to the last block, a blank line starting a new one. A block
 * that starts with Markdown's `#` to `######` and a space is a heading from its first frame (the
 * article streamed in as raw Markdown and was formatted only at the end).
 * The streamed text is kept out of the undo history; the finished document replaces it as the
 * undoable step.
 */
import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
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
    // A trailing newline may be half of a blank line, and hashes at a block's start half of a
    // heading's marker: wait for the next text to know.
    const held = final ? '' : (/\n[ \t\n]*$/.exec(buffer)?.[0] ?? heldHashes(editor, buffer));
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

const HEADING_START = /^(#{1,6})[ \t]+/;

/** Hashes that end the buffer at a block's start, not yet followed by the space that makes them a heading. */
function heldHashes(editor: Editor, buffer: string): string {
  const hashes = /(^|\n[ \t]*\n\s*)(#{1,6})$/.exec(buffer);
  if (!hashes) return '';
  const atBlockStart = hashes[1] !== '' || editor.state.doc.lastChild?.content.size === 0;
  return atBlockStart ? (hashes[2] as string) : '';
}

/** A new block for a piece of text: a heading when it starts with a heading's marker, else a paragraph. */
function blockFor(editor: Editor, piece: string): ProseMirrorNode {
  const { schema } = editor;
  const trimmed = piece.trimStart();
  const heading = HEADING_START.exec(trimmed);
  const text = heading ? trimmed.slice(heading[0].length) : trimmed;
  const content = text ? schema.text(text) : null;
  return heading
    ? schema.nodes.heading!.create({ level: (heading[1] as string).length }, content)
    : schema.nodes.paragraph!.create(null, content);
}

/** One transaction: the first piece continues the last block, each blank line starts another. */
function appendText(editor: Editor, text: string): void {
  const pieces = text.split(/\n[ \t]*\n\s*/).map((piece) => piece.replace(/\s*\n\s*/g, ' '));
  const tr = editor.state.tr;
  const last = tr.doc.lastChild;
  const [first = '', ...rest] = pieces;
  const continues = last?.type.name === 'paragraph' || last?.type.name === 'heading';
  if (last && continues && last.content.size === 0 && last.type.name === 'paragraph' && HEADING_START.test(first.trimStart())) {
    // The empty paragraph the stream starts on becomes the heading that begins the article.
    tr.replaceWith(tr.doc.content.size - last.nodeSize, tr.doc.content.size, blockFor(editor, first));
  } else if (last && continues) {
    if (first) tr.insertText(last.content.size === 0 ? first.trimStart() : first, tr.doc.content.size - 1);
  } else if (first.trim()) {
    tr.insert(tr.doc.content.size, blockFor(editor, first));
  }
  for (const piece of rest) tr.insert(tr.doc.content.size, blockFor(editor, piece));
  if (!tr.docChanged) return;
  editor.view.dispatch(tr.setMeta('addToHistory', false).setMeta(NOT_AN_EDIT, true));
}
