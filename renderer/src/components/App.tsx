import { useEffect } from 'react';
import { useGlobalShortcuts } from '../keyboard/use-global-shortcuts';
import { useStudio } from '../store/studio-store';
import { ArticleEditor } from './editor/ArticleEditor';
import { JobBar } from './JobBar';
import { ModelSetupDialog } from './model-setup/ModelSetupDialog';
import { OpeningNotice } from './OpeningNotice';
import { ProjectDialog } from './project/ProjectDialog';
import { SidePanel } from './SidePanel';
import { StatusBar } from './StatusBar';
import { Toasts } from './common/Toasts';
import { Toolbar } from './Toolbar';
import { useSaveOnLeave } from './use-save-on-leave';

/** The studio window: toolbar, the article, the tools beside it, the model's status. */
export function App() {
  const theme = useStudio((state) => state.theme);
  const setupOpen = useStudio((state) => state.setupOpen);
  const projectDialogOpen = useStudio((state) => state.projectDialogOpen);
  useGlobalShortcuts();
  useSaveOnLeave();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const studio = useStudio.getState();
    void studio.loadCapabilities();
    void studio.refreshModelSetup(true);
    void studio.openWorkspace();
    void studio.refreshLibrary();
  }, []);

  return (
    <div className="app">
      {/* The dialogs are modal <dialog>s: the browser makes the frame inert while one is open. */}
      <div className="app-frame">
        <Toolbar />
        <div className="workspace">
          <main className="editor-column" aria-label="Article">
            <OpeningNotice />
            <JobBar />
            <ArticleEditor />
          </main>
          <SidePanel />
        </div>
        <StatusBar />
      </div>
      {setupOpen && <ModelSetupDialog />}
      {projectDialogOpen && <ProjectDialog />}
      <Toasts />
    </div>
  );
}
