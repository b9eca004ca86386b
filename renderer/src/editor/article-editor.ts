/**
 * The one article editor of the window. Tiptap owns the document; store actions that need it
 * (save, compose, edits) reach it here instead of mirroring it in the store.
 */
import type { Editor } from '@tiptap/core';

let current: Editor | null = null;
let waiting: Array<(editor: Editor) => void> = [];

export function attachArticleEditor(editor: Editor): void {
  current = editor;
  const callbacks = waiting;
  waiting = [];
  for (const callback of callbacks) callback(editor);
}

export function detachArticleEditor(editor: Editor): void {
  if (current === editor) current = null;
}

export function articleEditor(): Editor | null {
  return current && !current.isDestroyed ? current : null;
}

/** Resolves once the editor exists (the workspace may open before React has drawn it). */
export function whenArticleEditor(): Promise<Editor> {
  const editor = articleEditor();
  if (editor) return Promise.resolve(editor);
  return new Promise((resolve) => waiting.push(resolve));
}
