import type { StateCreator } from 'zustand';
import type { Editor } from '@tiptap/core';
import type { ArticleDocument, EditedDocument, FigureAction, FigureAttrs, LibraryPicture, ParagraphAction } from '@contract/studio-api';
import { fromEditorJson } from '../../editor/article-document';
import { articleEditor } from '../../editor/article-editor';
import { applyEditedDocument } from '../../editor/apply-edited-document';
import { figureIndexAt } from '../../editor/figure';
import { figurePosition } from '../../editor/figure/figure-position';
import type { FigurePlace } from '../../editor/figure/figure-place';
import { insertPastedDocument } from '../../editor/insert-pasted-document';
import { paragraphAtSelection } from '../../editor/paragraph-at';
import { PARAGRAPH_MENU_KEY } from '../../editor/paragraph-menu-key';
import { trackChanges } from '../../editor/track-changes';
import { composeService } from '../../services/compose-service';
import { libraryService } from '../../services/library-service';
import { pictureService } from '../../services/picture-service';
import { projectService } from '../../services/project-service';
import type { JobKind } from './jobs-slice';
import type { StudioStore } from '../studio-store';

export const PARAGRAPH_ACTION_LABELS: Record<ParagraphAction, string> = {
  rewrite: 'Rewriting the paragraph',
  expand: 'Expanding the paragraph',
  shorten: 'Shortening the paragraph',
  'insert-before': 'Writing a paragraph before this one',
  'insert-after': 'Writing a paragraph after this one',
};

const FIGURE_ACTION_LABELS: Record<FigureAction['kind'], string> = {
  swap: 'Swapping the picture',
  replace: 'Replacing the picture',
  retitle: 'Finding a new picture',
  rechoose: 'Choosing again',
  recaption: 'Writing a new caption',
};

interface ModelEditJob {
  kind: JobKind;
  label: string;
  request: (jobId: string, document: ArticleDocument) => Promise<EditedDocument>;
  started: (jobId: string) => void;
  done: () => void;
}

export interface EditingSlice {
  /** The model edit running on a paragraph, if any. */
  paragraphEdit: { jobId: string; action: ParagraphAction } | null;
  /** The figure (by its position when asked) the model is working on. */
  figureEdit: { jobId: string; position: number } | null;
  /** Rewrite, expand, shorten, insert before/after the paragraph at the cursor. */
  editParagraph(action: ParagraphAction, material?: string): Promise<void>;
  changeFigure(position: number, action: FigureAction): Promise<void>;
  /** Pictures pasted or dropped into the article become figures (at `place`, or beside the caret's block). */
  addPicturesToArticle(files: File[], place: FigurePlace | null): Promise<void>;
  /**
   * A library picture becomes a figure (at `place`, or beside the caret's block): an empty figure first,
   * then the studio's "replace from library" fills it, so the picture joins the project and gets
   * a caption the usual way. When that fails, the empty figure goes again.
   */
  insertLibraryPicture(picture: LibraryPicture, place: FigurePlace | null): Promise<void>;
  /** Pasted Markdown, read by the studio as Import reads a file, in place of the selection. */
  pasteMarkdown(markdown: string): Promise<void>;
  /** Library pictures for a figure's "Replace from library" box. */
  findLibraryPictures(query: string): Promise<LibraryPicture[]>;
}

export const createEditingSlice: StateCreator<StudioStore, [], [], EditingSlice> = (set, get) => {
  /** Sends the article, then applies the answer where the sent blocks are now, as one undoable step. */
  async function runModelEdit(editor: Editor, job: ModelEditJob): Promise<void> {
    const sent = fromEditorJson(editor.getJSON());
    const tracker = trackChanges(editor);
    const jobId = get().startJob(job.kind, job.label);
    job.started(jobId);
    try {
      const result = await job.request(jobId, sent);
      const outcome = editor.isDestroyed ? 'conflict' : applyEditedDocument(editor, sent, result.document, tracker.mapping);
      if (outcome === 'conflict') get().notify('That part changed while the model worked on it, so your version was kept.');
      else if (result.cancelled && outcome === 'unchanged') get().notify('Stopped; nothing was changed.');
      if (result.notice) get().notify(result.notice);
    } catch (error) {
      get().showError(error);
    } finally {
      tracker.stop();
      get().finishJob(jobId);
      job.done();
    }
  }

  return {
    paragraphEdit: null,
    figureEdit: null,

    async editParagraph(action, material) {
      const editor = articleEditor();
      if (!editor || get().paragraphEdit) return;
      const place = paragraphAtSelection(editor.state);
      if (!place) return;
      const notes = material?.trim();
      await runModelEdit(editor, {
        kind: 'edit',
        label: PARAGRAPH_ACTION_LABELS[action],
        request: (jobId, document) =>
          composeService.editParagraph({ jobId, document, paragraphIndex: place.index, action, ...(notes ? { material: notes } : {}) }),
        started: (jobId) => {
          editor.commands.setParagraphBusy(place.position);
          set({ paragraphEdit: { jobId, action } });
        },
        done: () => {
          set({ paragraphEdit: null });
          // The menu belongs to selected text; after an edit it stayed floating over the next line. The caret goes after the
          // edit, in the article (the menu's button had focus and is gone): typing and Ctrl+Z work at once.
          if (!editor.isDestroyed)
            editor
              .chain()
              .setParagraphBusy(null)
              .setTextSelection(editor.state.selection.to)
              .setMeta(PARAGRAPH_MENU_KEY, 'hide')
              .focus(null, { scrollIntoView: false })
              .run();
        },
      });
    },

    async changeFigure(position, action) {
      const editor = articleEditor();
      if (!editor || get().figureEdit) return;
      const figureIndex = figureIndexAt(editor.state.doc, position);
      if (figureIndex < 0) return;
      await runModelEdit(editor, {
        kind: 'figure',
        label: FIGURE_ACTION_LABELS[action.kind],
        request: (jobId, document) => composeService.figureAction({ jobId, document, figureIndex, action }),
        started: (jobId) => set({ figureEdit: { jobId, position } }),
        done: () => set({ figureEdit: null }),
      });
    },

    async addPicturesToArticle(files, place) {
      for (const file of files) {
        try {
          const picture = await pictureService.importFile(file);
          const editor = articleEditor();
          const figure = {
            assetId: picture.assetId,
            provenance: 'pasted' as const,
            candidates: [picture.assetId],
            chosen: 0,
            alt: file.name,
          };
          if (!editor) return;
          editor.chain().insertFigure(figure, placeWithin(editor, place)).focus().run();
        } catch (error) {
          get().showError(error);
        }
      }
    },

    async insertLibraryPicture(picture, place) {
      const editor = articleEditor();
      if (!editor || picture.tooSmallForFigure || get().figureEdit) return;
      const placeholder = `Adding ${picture.fileName} from your library…`;
      editor
        .chain()
        .insertFigure(
          { slotTitle: picture.caption || picture.fileName, emptyReason: placeholder, provenance: 'library' },
          placeWithin(editor, place),
        )
        .run();
      const isPlaceholder = (attrs: FigureAttrs) => attrs.emptyReason === placeholder && attrs.assetId === null;
      const at = figurePosition(editor.state.doc, isPlaceholder);
      if (at < 0) return;
      await get().changeFigure(at, { kind: 'replace', libraryImageId: picture.id });
      const left = editor.isDestroyed ? -1 : figurePosition(editor.state.doc, isPlaceholder);
      if (left >= 0) editor.commands.removeFigure(left);
    },

    async pasteMarkdown(markdown) {
      const editor = articleEditor();
      if (!editor) return;
      const { from, to } = editor.state.selection;
      // The studio answers in a moment; what the writer types meanwhile moves the place.
      const tracker = trackChanges(editor);
      try {
        const { document, leftOut } = await projectService.readMarkdown(markdown);
        if (editor.isDestroyed) return;
        insertPastedDocument(editor, document, tracker.mapping.map(from, -1), tracker.mapping.map(to, 1));
        if (leftOut.length > 0)
          get().notify(
            `${leftOut.length === 1 ? 'A picture was' : `${leftOut.length} pictures were`} not pasted (Folio does not fetch pictures from the web or other files); the figure says where it was: ${leftOut.join(', ')}`,
          );
      } catch (error) {
        get().showError(error);
      } finally {
        tracker.stop();
      }
    },

    async findLibraryPictures(query) {
      try {
        return await libraryService.search(query, 12);
      } catch (error) {
        get().showError(error);
        return [];
      }
    },
  };
};

/** A drop place still inside the article (it may have changed while a picture was read), or undefined for the caret. */
function placeWithin(editor: Editor, place: FigurePlace | null): FigurePlace | undefined {
  return place && place.to <= editor.state.doc.content.size ? place : undefined;
}
