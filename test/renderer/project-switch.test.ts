// @vitest-environment happy-dom
/**
 * New, Open and Import start the composer afresh (issue 23, minor): the last project's reference
 * pictures (its own assets, absent from the other project) and figure count stayed, so the next
 * compose asked for pictures the project does not have. A failed switch keeps them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import type { ImportedImage, Workspace } from '../../electron/contract/studio-api';
import { attachArticleEditor, detachArticleEditor } from '../../renderer/src/editor/article-editor';
import { listenToStudio } from '../../renderer/src/store/apply-studio-event';
import { resetStudioStore, useStudio } from '../../renderer/src/store/studio-store';
import { articleEditorFor, doc, h, p } from './article-editor-fixture';
import { fakeStudio, type FakeStudio } from './fake-studio-api';

let studio: FakeStudio;
let editor: Editor;
let stopListening: () => void;

const other = (dir: string): Workspace => ({
  project: { dir, title: 'Other', untitled: false },
  document: doc(h(1, 'Other'), p('Elsewhere.')),
  warnings: [],
  recovered: false,
  recentProjects: [],
});
const reference: ImportedImage = { assetId: 'a1', mimeType: 'image/jpeg', width: 640, height: 480 };

beforeEach(() => {
  resetStudioStore();
  studio = fakeStudio();
  (globalThis as { studio?: unknown }).studio = studio;
  stopListening = listenToStudio(studio);
  editor = articleEditorFor(doc(h(1, 'Harbours'), p('Mine.')));
  attachArticleEditor(editor);
  studio.handle('saveDocument', async () => ({ savedAt: new Date().toISOString() }));
  useStudio.setState({ references: [reference], figureCount: 4 });
});
afterEach(() => {
  stopListening();
  detachArticleEditor(editor);
  editor.destroy();
});

describe('switching projects', () => {
  for (const [action, method, run] of [
    ['New', 'newProject', () => useStudio.getState().newProject('Other')],
    ['Open', 'openProject', () => useStudio.getState().openProject('/other.folio')],
    ['Import', 'importArticle', () => useStudio.getState().importArticle('/other.md')],
  ] as const) {
    it(`${action} leaves the last project's reference pictures and figure count behind`, async () => {
      studio.handle(method, async () => other('/other.folio'));
      await run();
      expect(useStudio.getState().project?.dir).toBe('/other.folio');
      expect(useStudio.getState().references).toEqual([]);
      expect(useStudio.getState().figureCount).toBeNull();
    });
  }

  it('keeps them when the other project could not be opened', async () => {
    studio.handle('openProject', async () => Promise.reject({ code: 'not-found', message: 'No project at /gone.folio.' }));
    await useStudio.getState().openProject('/gone.folio');
    expect(useStudio.getState().references).toEqual([reference]);
    expect(useStudio.getState().figureCount).toBe(4);
  });
});
