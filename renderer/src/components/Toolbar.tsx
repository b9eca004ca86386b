import { shortcutLabel } from '../keyboard/shortcuts';
import type { SaveState } from '../store/slices/workspace-slice';
import { useStudio } from '../store/studio-store';

const SAVE_STATE_TEXT: Record<SaveState, string> = {
  saved: 'Saved',
  'backed-up': 'Backed up, not saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  failed: 'Not saved',
};

/** The project, its save state, and the app-wide buttons. */
export function Toolbar() {
  const project = useStudio((state) => state.project);
  const saveState = useStudio((state) => state.saveState);
  // An untitled project is called what its article's heading says, as the writer sees it.
  const heading = useStudio((state) => state.articleHeading);
  const theme = useStudio((state) => state.theme);
  const toolsOpen = useStudio((state) => state.toolsOpen);
  const { toggleTools, toggleTheme, openSetup, setProjectDialogOpen, saveDocument } = useStudio.getState();

  return (
    <header className="toolbar">
      <div className="toolbar-start">
        <span className="app-name" aria-hidden="true">
          Folio
        </span>
        <button
          type="button"
          className="quiet"
          onClick={() => setProjectDialogOpen(true)}
          title="New, open, save as, export"
          data-testid="open-file-menu"
        >
          File
        </button>
        <h1 className="project-title" title={project?.dir} data-testid="project-title">
          {project ? (project.untitled ? (heading ?? 'Untitled article') : project.title) : 'Folio'}
        </h1>
        <span
          className={`save-state ${saveState}`}
          data-testid="save-state"
          data-state={saveState}
          role="status"
          aria-live="polite"
          title={
            saveState === 'backed-up'
              ? `A backup copy is kept in case Folio stops. Save (${shortcutLabel('save')}) writes the project.`
              : undefined
          }
        >
          {SAVE_STATE_TEXT[saveState]}
        </span>
      </div>
      <div className="toolbar-end">
        <button type="button" className="quiet" onClick={() => void saveDocument('save')} title={`Save (${shortcutLabel('save')})`}>
          Save
        </button>
        <button
          type="button"
          className="quiet"
          data-testid="toggle-tools"
          aria-controls="side-panel"
          aria-expanded={toolsOpen}
          onClick={toggleTools}
          title={`${toolsOpen ? 'Hide' : 'Show'} Compose, Ask and Library (${shortcutLabel('toggleTools')})`}
        >
          {toolsOpen ? 'Hide tools' : 'Show tools'}
        </button>
        <button
          type="button"
          className="quiet"
          data-testid="open-model-setup"
          onClick={openSetup}
          title={`Model setup (${shortcutLabel('modelSetup')})`}
        >
          Model
        </button>
        <button
          type="button"
          className="quiet"
          data-testid="theme-toggle"
          aria-pressed={theme === 'dark'}
          onClick={toggleTheme}
          title={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
        >
          {theme === 'dark' ? 'Light' : 'Dark'}
        </button>
      </div>
    </header>
  );
}
