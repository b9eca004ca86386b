import type { StateCreator } from 'zustand';
import type { ExportFormat, PickPurpose, ProjectInfo, Workspace } from '@contract/studio-api';
import { fromEditorJson } from '../../editor/article-document';
import { articleEditor, whenArticleEditor } from '../../editor/article-editor';
import { firstHeading } from '../../editor/first-heading';
import { focusArticle } from '../../editor/focus-article';
import { loadDocument } from '../../editor/load-document';
import { dialogService } from '../../services/dialog-service';
import { projectService } from '../../services/project-service';
import type { StudioStore } from '../studio-store';

/** 'saved': the project file holds the article; 'backed-up': only the autosave does (crash recovery), the project file is older. */
export type SaveState = 'saved' | 'backed-up' | 'saving' | 'unsaved' | 'failed';

/** How long after the last change the article is autosaved. */
export const AUTOSAVE_DELAY_MS = 1500;

export interface WorkspaceSlice {
  project: ProjectInfo | null;
  recentProjects: Workspace['recentProjects'];
  saveState: SaveState;
  savedAt: string | null;
  /** Counts the writer's changes; saved when savedVersion catches up. */
  documentVersion: number;
  savedVersion: number;
  /** The article's first heading: the title bar's name for a project still called "Untitled". */
  articleHeading: string | null;
  articleHeadingChanged(heading: string | null): void;
  /** What opening the project found (recovered autosave, missing pictures). */
  openingNotice: { recovered: boolean; warnings: string[] } | null;
  openWorkspace(): Promise<void>;
  documentChanged(): void;
  saveDocument(mode: 'autosave' | 'save'): Promise<void>;
  newProject(title: string): Promise<void>;
  openProject(dir: string): Promise<void>;
  saveProjectAs(dir: string): Promise<void>;
  /** A Markdown or text file as a new project (the open one is saved and stays as it was). */
  importArticle(path: string): Promise<void>;
  exportArticle(format: ExportFormat, path: string): Promise<void>;
  pickProjectPath(purpose: PickPurpose, defaultPath?: string): Promise<string | null>;
  dismissOpeningNotice(): void;
}

let autosaveTimer: ReturnType<typeof setTimeout> | null = null;
let saving: Promise<void> | null = null;

export const createWorkspaceSlice: StateCreator<StudioStore, [], [], WorkspaceSlice> = (set, get) => {
  async function show(workspace: Workspace): Promise<void> {
    const editor = await whenArticleEditor();
    loadDocument(editor, workspace.document);
    get().articleHeadingChanged(firstHeading(editor.state.doc));
    const noticed = workspace.recovered || workspace.warnings.length > 0;
    // Ask's picture lives in the project it was added to: another project does not have it.
    if (get().project && get().project?.dir !== workspace.project.dir) set({ askPicture: null, answer: '' });
    set({
      project: workspace.project,
      recentProjects: workspace.recentProjects,
      // A recovered autosave is newer than the project file: not saved until the writer saves.
      saveState: workspace.recovered ? 'backed-up' : 'saved',
      documentVersion: 0,
      savedVersion: 0,
      openingNotice: noticed ? { recovered: workspace.recovered, warnings: workspace.warnings } : null,
    });
  }

  /** The File dialog did what it was asked: it closes and the article takes the keyboard (typing, Ctrl+Z). */
  function doneWithFileDialog(): void {
    set({ projectDialogOpen: false });
    focusArticle();
  }

  /** Whether the other project is now the one shown. */
  async function switchTo(open: () => Promise<Workspace>): Promise<boolean> {
    await get().saveDocument('autosave');
    try {
      await show(await open());
      // The composer starts afresh: the reference pictures were the last project's assets, and its figure count its own.
      set({ references: [], figureCount: null });
      doneWithFileDialog();
      return true;
    } catch (error) {
      get().showError(error);
      return false;
    }
  }

  async function saveNow(mode: 'autosave' | 'save'): Promise<void> {
    const editor = articleEditor();
    const version = get().documentVersion;
    if (!editor || (mode === 'autosave' && version === get().savedVersion)) return;
    set({ saveState: 'saving' });
    try {
      const saved = await projectService.save(fromEditorJson(editor.getJSON()), mode);
      // "Saved" only once the project file has the article: an autosave is a backup, not a save.
      const done: SaveState = mode === 'save' ? 'saved' : 'backed-up';
      set((state) => ({
        savedAt: saved.savedAt,
        savedVersion: version,
        saveState: state.documentVersion === version ? done : 'unsaved',
        // A save names an untitled project after its heading and puts it on the recent list.
        ...(saved.project ? { project: saved.project } : {}),
        ...(saved.recentProjects ? { recentProjects: saved.recentProjects } : {}),
      }));
    } catch (error) {
      set({ saveState: 'failed' });
      get().showError(error);
    }
  }

  return {
    project: null,
    recentProjects: [],
    saveState: 'saved',
    savedAt: null,
    documentVersion: 0,
    savedVersion: 0,
    openingNotice: null,
    articleHeading: null,
    articleHeadingChanged: (articleHeading) => get().articleHeading !== articleHeading && set({ articleHeading }),

    async openWorkspace() {
      try {
        await show(await projectService.openWorkspace());
      } catch (error) {
        get().showError(error);
      }
    },
    documentChanged() {
      set((state) => ({ documentVersion: state.documentVersion + 1, saveState: state.saveState === 'saving' ? 'saving' : 'unsaved' }));
      if (autosaveTimer) clearTimeout(autosaveTimer);
      autosaveTimer = setTimeout(() => {
        autosaveTimer = null;
        void get().saveDocument('autosave');
      }, AUTOSAVE_DELAY_MS);
    },
    async saveDocument(mode) {
      if (autosaveTimer) clearTimeout(autosaveTimer);
      autosaveTimer = null;
      // One save at a time, in order: a second waits for the first, then saves what is newer.
      while (saving) await saving;
      saving = saveNow(mode).finally(() => {
        saving = null;
      });
      await saving;
    },
    async newProject(title) {
      // A new project starts from nothing: the last article's outline is not its outline.
      if (await switchTo(() => projectService.create(title))) set({ outline: '' });
    },
    async openProject(dir) {
      await switchTo(() => projectService.open(dir));
    },
    async importArticle(path) {
      // As New: the imported article is not the last one, nor is its outline. Pictures left out show in the opening notice.
      if (await switchTo(() => projectService.importArticle(path))) {
        set({ outline: '' });
        get().notify(`Imported ${path.split(/[\\/]/).pop() ?? path} as a new project, “${get().project?.title ?? ''}”`);
      }
    },
    async saveProjectAs(dir) {
      const editor = articleEditor();
      if (!editor) return;
      try {
        await show(await projectService.saveAs(fromEditorJson(editor.getJSON()), dir));
        doneWithFileDialog();
        get().notify(`Saved as ${dir}`);
      } catch (error) {
        get().showError(error);
      }
    },
    async exportArticle(format, path) {
      const editor = articleEditor();
      if (!editor) return;
      const jobId = get().startJob('export', `Exporting ${format.toUpperCase()}`);
      try {
        const result = await projectService.exportArticle(jobId, fromEditorJson(editor.getJSON()), format, path);
        // Done with the File dialog: it closes, and the toast says where the export went.
        doneWithFileDialog();
        get().notify(`Exported to ${result.path}`);
      } catch (error) {
        get().showError(error);
      } finally {
        get().finishJob(jobId);
      }
    },
    async pickProjectPath(purpose, defaultPath) {
      try {
        return await dialogService.pickPath(purpose, defaultPath);
      } catch (error) {
        get().showError(error);
        return null;
      }
    },
    dismissOpeningNotice: () => set({ openingNotice: null }),
  };
};

/** For tests: forget a scheduled autosave. */
export function cancelScheduledAutosave(): void {
  if (autosaveTimer) clearTimeout(autosaveTimer);
  autosaveTimer = null;
}
