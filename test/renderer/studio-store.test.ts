// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Editor } from '@tiptap/core';
import type {
  ArticleDocument,
  ComposeRequest,
  EditParagraphRequest,
  FigureActionRequest,
  ModelStatus,
  StudioEvent,
} from '../../electron/contract/studio-api';
import { fromEditorJson } from '../../renderer/src/editor/article-document';
import { attachArticleEditor, detachArticleEditor } from '../../renderer/src/editor/article-editor';
import { flushStudioProgress, listenToStudio } from '../../renderer/src/store/apply-studio-event';
import { AUTOSAVE_DELAY_MS } from '../../renderer/src/store/slices/workspace-slice';
import { resetStudioStore, useStudio } from '../../renderer/src/store/studio-store';
import { articleEditorFor, assetId, doc, fig, h, p, paragraphs } from './article-editor-fixture';
import { fakeStudio, type FakeStudio } from './fake-studio-api';

let studio: FakeStudio;
let editor: Editor;
let stopListening: () => void;
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const original = doc(h(1, 'Harbours'), p('Mine, typed by hand.'));

beforeEach(() => {
  resetStudioStore();
  studio = fakeStudio();
  (globalThis as { studio?: unknown }).studio = studio;
  stopListening = listenToStudio(studio);
  editor = articleEditorFor(original);
  attachArticleEditor(editor);
});
afterEach(() => {
  stopListening();
  detachArticleEditor(editor);
  editor.destroy();
  vi.useRealTimers();
});

/** What the studio sends as the model writes: text, without a measured pace yet. */
const writing = (jobId: string, textDelta: string): StudioEvent => ({
  type: 'job-progress',
  jobId,
  progress: { kind: 'compose', step: 'write', slot: null, slots: null, tokens: 1, textDelta, tokensPerSecond: null, secondsLeft: null },
});

describe('compose', () => {
  it('streams the text into the editor, then replaces it with the finished article as one undoable step', async () => {
    const composed = doc(h(1, 'Boats'), p('They come in at dusk.'), fig());
    let streamed: string[] = [];
    studio.handle('compose', async (request: ComposeRequest) => {
      for (const textDelta of ['They come ', 'in.\n\nAt dusk', '.']) {
        studio.emit(writing(request.jobId, textDelta));
      }
      await nextFrame();
      await nextFrame();
      streamed = paragraphs(editor.getJSON());
      return { document: composed, cancelled: false };
    });
    useStudio.getState().setOutline('# Boats');
    useStudio.getState().setFigureCount(3);
    await useStudio.getState().composeArticle();

    expect(studio.calls[0]?.params).toMatchObject({ outline: '# Boats', figures: 3, useLibrary: true, referenceAssetIds: [] });
    expect(streamed).toEqual(['They come in.', 'At dusk.']);
    expect(fromEditorJson(editor.getJSON())).toEqual(composed);
    expect(editor.isEditable).toBe(true);
    expect(useStudio.getState().jobs).toEqual({});
    editor.commands.undo();
    expect(fromEditorJson(editor.getJSON())).toEqual(original);
    editor.commands.redo();
    expect(fromEditorJson(editor.getJSON())).toEqual(composed);
  });

  it('shows the article and what went wrong when a figure failed after writing', async () => {
    const composed = doc(
      h(1, 'Boats'),
      p('They come in at dusk.'),
      fig({ assetId: null, candidates: [], chosen: null, emptyReason: 'This figure could not be chosen: The model engine failed.' }),
    );
    const notice = 'The article was written, but not everything worked: Figure 1 of 1: The model engine failed.';
    studio.handle('compose', async () => ({ document: composed, cancelled: false, notice }));
    useStudio.getState().setOutline('# Boats');
    await useStudio.getState().composeArticle();
    expect(fromEditorJson(editor.getJSON())).toEqual(composed);
    expect(useStudio.getState().toasts.map(({ message }) => message)).toEqual([notice]);
  });

  it('on an error before any text keeps the outline and the article as they were, and shows the message', async () => {
    studio.handle('compose', async () => {
      throw { code: 'no-model', message: 'Load a model first.', detail: 'state none' };
    });
    useStudio.getState().setOutline('# Boats\n## Nets');
    await useStudio.getState().composeArticle();
    expect(useStudio.getState().outline).toBe('# Boats\n## Nets');
    expect(fromEditorJson(editor.getJSON())).toEqual(original);
    expect(useStudio.getState().toasts.map(({ kind, message, detail }) => ({ kind, message, detail }))).toEqual([
      { kind: 'error', message: 'Load a model first.', detail: 'state none' },
    ]);
  });

  it('keeps what streamed when the compose fails after it (the studio went away), as an undoable step (issue 23)', async () => {
    studio.handle('compose', async (request: ComposeRequest) => {
      for (const textDelta of ['# Boats\n\nThey come ', 'in at du']) studio.emit(writing(request.jobId, textDelta));
      await nextFrame();
      throw { code: 'connection-lost', message: 'The connection to the studio was lost.' };
    });
    useStudio.getState().setOutline('# Boats');
    await useStudio.getState().composeArticle();
    expect(fromEditorJson(editor.getJSON())).toEqual(doc(h(1, 'Boats'), p('They come in at du')));
    expect(useStudio.getState().toasts.map(({ kind, message }) => `${kind}: ${message}`)).toEqual([
      'error: The connection to the studio was lost.',
      'notice: The text written before the failure is kept: 1 heading, 1 paragraph (6 words) and no figures.',
    ]);
    editor.commands.undo();
    expect(fromEditorJson(editor.getJSON())).toEqual(original);
  });

  it('says what a stopped compose kept', async () => {
    const kept = doc(h(1, 'Boats'), p('They come in.'), p('At dusk the'));
    studio.handle('compose', async () => ({ document: kept, cancelled: true }));
    useStudio.getState().setOutline('# Boats');
    await useStudio.getState().composeArticle();
    expect(fromEditorJson(editor.getJSON())).toEqual(kept);
    expect(useStudio.getState().toasts.map(({ message }) => message)).toEqual([
      'Compose stopped. Kept what was written: 1 heading, 2 paragraphs (7 words) and no figures. Undo brings back the article you had before.',
    ]);
  });

  it('keeps the streamed text when a stopped compose sends no article back', async () => {
    studio.handle('compose', async (request: ComposeRequest) => {
      studio.emit(writing(request.jobId, 'Half a sentence'));
      return { document: { ...original, content: [] }, cancelled: true };
    });
    useStudio.getState().setOutline('# Boats');
    await useStudio.getState().composeArticle();
    expect(paragraphs(editor.getJSON())).toEqual(['Half a sentence']);
    expect(useStudio.getState().toasts[0]?.message).toMatch(/^Compose stopped. Kept what was written: 1 paragraph \(3 words\)/);
  });
});

describe('model edits', () => {
  it('rewrites the paragraph at the cursor and Undo takes the edit back', async () => {
    const start = doc(h(1, 'T'), p('One.'), fig(), p('Two.'));
    editor.commands.setContent(start);
    editor.commands.setTextSelection(editor.state.doc.content.size - 2);
    studio.handle('editParagraph', async (request: EditParagraphRequest) => {
      const edited = structuredClone(request.document);
      edited.content[3] = p('Two, rewritten.');
      return { document: edited, cancelled: false };
    });
    await useStudio.getState().editParagraph('rewrite');
    expect(studio.calls[0]?.params).toMatchObject({ paragraphIndex: 1, action: 'rewrite', document: start });
    expect(paragraphs(editor.getJSON())).toEqual(['One.', 'Two, rewritten.']);
    expect(useStudio.getState().paragraphEdit).toBeNull();
    editor.commands.undo();
    expect(fromEditorJson(editor.getJSON())).toEqual(start);
  });

  it('swaps a figure to another candidate through the studio', async () => {
    editor.commands.setContent(
      doc(p('One.'), fig({ assetId: assetId(1) }), p('Two.'), fig({ assetId: assetId(4), candidates: [assetId(4), assetId(5)] })),
    );
    studio.handle('figureAction', async (request: FigureActionRequest) => {
      const edited: ArticleDocument = structuredClone(request.document);
      const figure = edited.content.filter((node) => node.type === 'figure')[request.figureIndex]!;
      if (figure.type === 'figure' && request.action.kind === 'swap')
        Object.assign(figure.attrs, { chosen: request.action.candidate, assetId: figure.attrs.candidates[request.action.candidate] });
      return { document: edited, cancelled: false };
    });
    let position = -1;
    editor.state.doc.forEach((node, offset) => node.type.name === 'figure' && (position = offset));
    await useStudio.getState().changeFigure(position, { kind: 'swap', candidate: 1 });
    expect(studio.calls[0]?.params).toMatchObject({ figureIndex: 1, action: { kind: 'swap', candidate: 1 } });
    const figures = fromEditorJson(editor.getJSON()).content.filter((node) => node.type === 'figure');
    expect(figures.map((node) => node.type === 'figure' && [node.attrs.assetId, node.attrs.chosen])).toEqual([
      [assetId(1), 0],
      [assetId(5), 1],
    ]);
  });
});

describe('saving', () => {
  it('autosaves the editor’s document a moment after the last change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const saved: unknown[] = [];
    studio.handle('saveDocument', async (request) => {
      saved.push(request);
      return { savedAt: '2026-01-01T00:00:00Z' };
    });
    useStudio.getState().documentChanged();
    useStudio.getState().documentChanged();
    expect(useStudio.getState().saveState).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual([{ document: original, mode: 'autosave' }]);
    // A backup, not a save: the project file does not have the article yet (issue 23, major 6).
    expect(useStudio.getState().saveState).toBe('backed-up');
  });

  it('says Saved after a save, and takes the name and recent list the save gave the project', async () => {
    const project = { dir: '/projects/Harbour towns.folio', title: 'Harbour towns', untitled: false };
    const recentProjects = [{ dir: project.dir, title: project.title, openedAt: '2026-01-01T00:00:00Z' }];
    studio.handle('saveDocument', async () => ({ savedAt: '2026-01-01T00:00:00Z', project, recentProjects }));
    useStudio.getState().documentChanged();
    await useStudio.getState().saveDocument('save');
    expect(useStudio.getState()).toMatchObject({ saveState: 'saved', project, recentProjects });
  });

  it('says so when a save fails, and keeps the changes marked unsaved', async () => {
    studio.handle('saveDocument', () => Promise.reject({ code: 'disk-full', message: 'The disk is full.' }));
    useStudio.getState().documentChanged();
    await useStudio.getState().saveDocument('save');
    expect(useStudio.getState().saveState).toBe('failed');
    expect(useStudio.getState().toasts[0]?.message).toBe('The disk is full.');
  });
});

describe('opening and events', () => {
  it('loads the workspace’s document with a fresh history and shows what opening found', async () => {
    const saved = doc(h(1, 'Saved'), p('From disk.'));
    studio.handle('openWorkspace', async () => ({
      project: { dir: '/a.folio', title: 'A', untitled: false },
      document: saved,
      warnings: ['One picture is missing.'],
      recovered: true,
      recentProjects: [],
    }));
    await useStudio.getState().openWorkspace();
    expect(fromEditorJson(editor.getJSON())).toEqual(saved);
    expect(editor.can().undo()).toBe(false);
    expect(useStudio.getState().openingNotice).toEqual({ recovered: true, warnings: ['One picture is missing.'] });
    // The recovered autosave is newer than the project file: not "Saved" until the writer saves.
    expect(useStudio.getState().saveState).toBe('backed-up');
  });

  it('keeps only the newest progress per job, handed over once per frame', () => {
    const jobId = useStudio.getState().startJob('index', 'Indexing');
    for (const done of [1, 2, 3])
      studio.emit({
        type: 'job-progress',
        jobId,
        progress: { kind: 'index', phase: 'embedding', done, total: 3, current: null, skipped: 0, perSecond: null },
      });
    expect(useStudio.getState().jobs[jobId]?.progress).toBeNull();
    flushStudioProgress();
    expect(useStudio.getState().jobs[jobId]?.progress).toMatchObject({ done: 3 });
    const library = {
      folder: '/pics',
      pictures: 3,
      folders: [],
      embeddingModel: null,
      uncaptioned: 0,
      preparingSearch: false,
      captions: { on: true, activity: 'done' as const, note: null, left: 0, failed: 0 },
    };
    studio.emit({ type: 'library-changed', library });
    expect(useStudio.getState().library).toEqual(library);
  });

  it('starts every test from a fresh store', () => {
    expect(useStudio.getState().outline).toBe('');
    expect(useStudio.getState().toasts).toEqual([]);
    expect(useStudio.getState().jobs).toEqual({});
  });
});

describe('the desktop menu', () => {
  it('File > Save saves the editor’s document; the other File items open the File dialog', async () => {
    const saved: unknown[] = [];
    studio.handle('saveDocument', async (request) => {
      saved.push(request);
      return { savedAt: '2026-01-01T00:00:00Z' };
    });
    studio.emit({ type: 'menu-command', command: 'save' });
    await vi.waitFor(() => expect(saved).toEqual([{ document: original, mode: 'save' }]));
    expect(useStudio.getState().projectDialogOpen).toBe(false);
    studio.emit({ type: 'menu-command', command: 'export' });
    expect(useStudio.getState().projectDialogOpen).toBe(true);
  });
});

describe('loading a model', () => {
  it('Cancel stops the load quietly: no error toast, the status says no model', async () => {
    const none: ModelStatus = {
      state: 'none',
      loadProgress: null,
      engine: null,
      backend: null,
      gpuLayers: 0,
      contextSize: 0,
      vision: false,
      modelName: null,
      decoderPath: null,
      projectorPath: null,
      demo: false,
      fitSummary: null,
      error: null,
    };
    let stop: (() => void) | null = null;
    studio.handle(
      'loadModel',
      () => new Promise((_resolve, reject) => (stop = () => reject({ code: 'aborted', message: 'Loading the model was cancelled.' }))),
    );
    studio.handle('cancelModelLoad', async () => {
      stop?.();
      return none;
    });
    const loading = useStudio.getState().loadDemoModel();
    await useStudio.getState().cancelModelLoad();
    await loading;
    expect(useStudio.getState().modelStatus).toMatchObject({ state: 'none' });
    expect(useStudio.getState().toasts).toEqual([]);
  });
});

describe('toasts', () => {
  it('keeps at most three: the oldest notices go first, a repeated error replaces its copy', () => {
    const { notify, showError } = useStudio.getState();
    showError({ code: 'io', message: 'The disk is full.' });
    notify('Exported to a.md');
    notify('Exported to b.md');
    notify('Imported c.md');
    expect(useStudio.getState().toasts.map(({ message }) => message)).toEqual(['The disk is full.', 'Exported to b.md', 'Imported c.md']);
    showError({ code: 'io', message: 'The disk is full.' });
    expect(useStudio.getState().toasts.map(({ message }) => message)).toEqual(['Exported to b.md', 'Imported c.md', 'The disk is full.']);
    showError({ code: 'missing', message: 'The file could not be found.' });
    showError({ code: 'missing', message: 'The project could not be found.' });
    expect(useStudio.getState().toasts.map(({ kind }) => kind)).toEqual(['error', 'error', 'error']);
    expect(useStudio.getState().toasts).toHaveLength(3);
  });
});
