import type { StateCreator } from 'zustand';
import type { ImportedImage } from '@contract/studio-api';
import { fromEditorJson } from '../../editor/article-document';
import { articleEditor } from '../../editor/article-editor';
import { askService } from '../../services/ask-service';
import { pictureService } from '../../services/picture-service';
import { receiveJobText } from '../job-text';
import { oncePerFrame } from '../once-per-frame';
import type { StudioStore } from '../studio-store';

export interface AskSlice {
  askPicture: ImportedImage | null;
  addingAskPicture: boolean;
  question: string;
  answer: string;
  askUsesArticle: boolean;
  askJobId: string | null;
  attachAskPicture(file: File): Promise<void>;
  clearAskPicture(): void;
  setQuestion(question: string): void;
  setAskUsesArticle(uses: boolean): void;
  /** Streams the answer into the panel. */
  askQuestion(): Promise<void>;
  /** Puts the answer into the article as a paragraph at the cursor. */
  insertAnswer(): void;
}

export const createAskSlice: StateCreator<StudioStore, [], [], AskSlice> = (set, get) => ({
  askPicture: null,
  addingAskPicture: false,
  question: '',
  answer: '',
  askUsesArticle: false,
  askJobId: null,

  async attachAskPicture(file) {
    set({ addingAskPicture: true });
    try {
      set({ askPicture: await pictureService.importFile(file) });
    } catch (error) {
      get().showError(error);
    } finally {
      set({ addingAskPicture: false });
    }
  },
  clearAskPicture: () => set({ askPicture: null }),
  setQuestion: (question) => set({ question }),
  setAskUsesArticle: (askUsesArticle) => set({ askUsesArticle }),

  async askQuestion() {
    const { question, askPicture, askUsesArticle, askJobId } = get();
    if (askJobId || !question.trim()) return;
    const editor = articleEditor();
    const jobId = get().startJob('ask', 'Answering');
    const text = oncePerFrame<string>((deltas) => set((state) => ({ answer: state.answer + deltas.join('') })));
    const stopReceiving = receiveJobText(jobId, text.push);
    set({ askJobId: jobId, answer: '' });
    try {
      const result = await askService.ask({
        jobId,
        question: question.trim(),
        ...(askPicture ? { imageAssetId: askPicture.assetId } : {}),
        ...(askUsesArticle && editor ? { document: fromEditorJson(editor.getJSON()) } : {}),
      });
      text.flushNow();
      set({ answer: result.answer });
    } catch (error) {
      text.flushNow();
      get().showError(error);
    } finally {
      stopReceiving();
      get().finishJob(jobId);
      set({ askJobId: null });
    }
  },

  insertAnswer() {
    const editor = articleEditor();
    const answer = get().answer.trim();
    if (!editor || !answer) return;
    const paragraph = { type: 'paragraph', content: [{ type: 'text', text: answer.replace(/\s*\n\s*/g, ' ') }] };
    const { $to } = editor.state.selection;
    const after = $to.depth >= 1 ? $to.after(1) : editor.state.selection.to;
    editor.chain().insertContentAt(after, paragraph).focus().run();
  },
});
