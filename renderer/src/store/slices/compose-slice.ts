import type { StateCreator } from 'zustand';
import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { ArticleDocument, ImportedImage } from '@contract/studio-api';
import { whenArticleEditor } from '../../editor/article-editor';
import { describeArticle } from '../../editor/describe-article';
import { keepAsUndoStep, replaceDocument, restoreDocument } from '../../editor/replace-document';
import { streamIntoEditor, type EditorStream } from '../../editor/stream-into-editor';
import { NOT_AN_EDIT } from '../../editor/transaction-meta';
import { composeService } from '../../services/compose-service';
import { pictureService } from '../../services/picture-service';
import { receiveJobText } from '../job-text';
import type { StudioStore } from '../studio-store';

export interface ComposeSlice {
  outline: string;
  references: ImportedImage[];
  addingReferences: number;
  /** 1 to 15, or null for automatic. */
  figureCount: number | null;
  useLibrary: boolean;
  composeJobId: string | null;
  setOutline(outline: string): void;
  setFigureCount(count: number | null): void;
  setUseLibrary(useLibrary: boolean): void;
  addReferencePictures(files: File[]): Promise<void>;
  removeReference(assetId: string): void;
  /** Streams a new article into the editor; the finished one replaces it as one undoable step. */
  composeArticle(): Promise<void>;
}

export const createComposeSlice: StateCreator<StudioStore, [], [], ComposeSlice> = (set, get) => ({
  outline: '',
  references: [],
  addingReferences: 0,
  figureCount: null,
  useLibrary: true,
  composeJobId: null,

  setOutline: (outline) => set({ outline }),
  setFigureCount: (figureCount) => set({ figureCount }),
  setUseLibrary: (useLibrary) => set({ useLibrary }),

  async addReferencePictures(files) {
    for (const file of files) {
      set((state) => ({ addingReferences: state.addingReferences + 1 }));
      try {
        const picture = await pictureService.importFile(file);
        set((state) => ({ references: [...state.references.filter((r) => r.assetId !== picture.assetId), picture] }));
      } catch (error) {
        get().showError(error);
      } finally {
        set((state) => ({ addingReferences: state.addingReferences - 1 }));
      }
    }
  },
  removeReference: (assetId) => set((state) => ({ references: state.references.filter((r) => r.assetId !== assetId) })),

  async composeArticle() {
    const { outline, references, figureCount, useLibrary } = get();
    if (get().composeJobId || !outline.trim()) return;
    const editor = await whenArticleEditor();
    const jobId = get().startJob('compose', 'Composing the article');
    set({ composeJobId: jobId });
    const before = editor.state.doc;
    const stream = streamIntoEditor(editor);
    const stopReceiving = receiveJobText(jobId, stream.push);
    editor.setEditable(false, false);
    // The article is written afresh: the stream starts on an empty page (outside the undo history).
    const empty = editor.state.tr.replaceWith(0, editor.state.doc.content.size, editor.schema.nodes.paragraph!.create());
    editor.view.dispatch(empty.setMeta('addToHistory', false).setMeta(NOT_AN_EDIT, true));
    try {
      const result = await composeService.compose({
        jobId,
        outline,
        referenceAssetIds: references.map((r) => r.assetId),
        figures: figureCount,
        useLibrary,
      });
      const kept = keepComposed(editor, before, stream, result.document);
      if (result.notice) get().notify(result.notice);
      if (result.cancelled)
        get().notify(
          kept
            ? `Compose stopped. Kept what was written: ${describeArticle(editor.state.doc)}. Undo brings back the article you had before.`
            : 'Compose stopped before anything was written; your article is unchanged.',
        );
    } catch (error) {
      const kept = keepComposed(editor, before, stream, null);
      get().showError(error);
      if (kept) get().notify(`The text written before the failure is kept: ${describeArticle(editor.state.doc)}.`);
    } finally {
      stopReceiving();
      editor.setEditable(true, false);
      get().finishJob(jobId);
      set({ composeJobId: null });
    }
  },
});

/**
 * What a compose leaves in the editor, as one undo step from `before`: the studio's document
 * when it sent one, else the text that streamed (a stop or a failure never takes away what the
 * writer saw written). Returns whether anything was kept.
 */
function keepComposed(editor: Editor, before: ProseMirrorNode, stream: EditorStream, composed: ArticleDocument | null): boolean {
  if (composed && composed.content.length > 0) {
    stream.cancel();
    restoreDocument(editor, before);
    replaceDocument(editor, composed);
    return true;
  }
  stream.close();
  if (!editor.state.doc.textContent.trim()) {
    restoreDocument(editor, before);
    return false;
  }
  keepAsUndoStep(editor, before);
  return true;
}
