// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { fromEditorJson } from '../../renderer/src/editor/article-document';
import { attachArticleEditor, detachArticleEditor } from '../../renderer/src/editor/article-editor';
import { resetStudioStore, useStudio } from '../../renderer/src/store/studio-store';
import { articleEditorFor, doc, h, p } from './article-editor-fixture';
import { fakeStudio, type FakeStudio } from './fake-studio-api';

let studio: FakeStudio;
let editor: Editor;
const original = doc(p('Before after.'));

beforeEach(() => {
  resetStudioStore();
  studio = fakeStudio();
  (globalThis as { studio?: unknown }).studio = studio;
  editor = articleEditorFor(original);
  attachArticleEditor(editor);
});
afterEach(() => {
  detachArticleEditor(editor);
  editor.destroy();
});

describe('pasting Markdown (issue 23, major 4)', () => {
  it("puts the studio's reading in place of the selection as a paste does, in one undo step", async () => {
    const bold = { type: 'text' as const, text: 'middle', marks: [{ type: 'bold' as const }] };
    studio.handle('readMarkdown', async () => ({
      document: doc({ type: 'paragraph', content: [bold] }, h(2, 'Section'), p('tail ')),
      leftOut: ['https://example.com/quay.jpg'],
    }));
    editor.commands.setTextSelection(1 + 'Before '.length);
    // The writer types while the studio reads: the paste still lands where it was made.
    const pasting = useStudio.getState().pasteMarkdown('**middle**\n\n## Section\n\ntail ');
    editor.commands.insertContentAt(1, 'So ');
    await pasting;
    expect(studio.calls.at(-1)).toEqual({ method: 'readMarkdown', params: { markdown: '**middle**\n\n## Section\n\ntail ' } });
    expect(fromEditorJson(editor.getJSON()).content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'So Before ' }, bold] },
      h(2, 'Section'),
      p('tail after.'),
    ]);
    expect(useStudio.getState().toasts.map(({ message }) => message)).toEqual([
      'A picture was not pasted (Folio does not fetch pictures from the web or other files); the figure says where it was: https://example.com/quay.jpg',
    ]);
    editor.commands.undo();
    expect(fromEditorJson(editor.getJSON())).toEqual(doc(p('So Before after.')));
  });
});
