/**
 * The renderer's one store: typed slices, each with the actions that change it. Components read
 * it with selectors; studio events reach it through `applyStudioEvent`, outside React.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { type AskSlice, createAskSlice } from './slices/ask-slice';
import { type ComposeSlice, createComposeSlice } from './slices/compose-slice';
import { createEditingSlice, type EditingSlice } from './slices/editing-slice';
import { createEvaluateSlice, type EvaluateSlice } from './slices/evaluate-slice';
import { createFolderPickerSlice, type FolderPickerSlice } from './slices/folder-picker-slice';
import { createConvertSlice, type ConvertSlice } from './slices/convert-slice';
import { createJobsSlice, type JobsSlice } from './slices/jobs-slice';
import { createLibrarySlice, type LibrarySlice } from './slices/library-slice';
import { createModelSlice, type ModelSlice } from './slices/model-slice';
import { createUiSlice, type UiSlice } from './slices/ui-slice';
import { cancelScheduledAutosave, createWorkspaceSlice, type WorkspaceSlice } from './slices/workspace-slice';

export type StudioStore = ModelSlice &
  WorkspaceSlice &
  ComposeSlice &
  EditingSlice &
  JobsSlice &
  AskSlice &
  LibrarySlice &
  UiSlice &
  EvaluateSlice &
  ConvertSlice &
  FolderPickerSlice;

/** What the writer typed outside the article (the article itself is saved by the studio) survives a reload. */
const keepDrafts = (state: StudioStore) => ({
  outline: state.outline,
  figureCount: state.figureCount,
  useLibrary: state.useLibrary,
  question: state.question,
  askUsesArticle: state.askUsesArticle,
  // Not the library folder: the studio keeps the one last indexed, and a mistyped path must not come back after a reload.
});

export const useStudio = create<StudioStore>()(
  persist(
    (...args) => ({
      ...createModelSlice(...args),
      ...createWorkspaceSlice(...args),
      ...createComposeSlice(...args),
      ...createEditingSlice(...args),
      ...createJobsSlice(...args),
      ...createAskSlice(...args),
      ...createLibrarySlice(...args),
      ...createUiSlice(...args),
      ...createEvaluateSlice(...args),
      ...createConvertSlice(...args),
      ...createFolderPickerSlice(...args),
    }),
    { name: 'folio.drafts', version: 1, storage: createJSONStorage(() => localStorage), partialize: keepDrafts },
  ),
);

/** Back to the state of a fresh window (tests). */
export function resetStudioStore(): void {
  cancelScheduledAutosave();
  useStudio.persist.clearStorage();
  useStudio.setState(useStudio.getInitialState(), true);
}
