import { useEffect, useId, useRef, useState } from 'react';
import type { ExportFormat } from '@contract/studio-api';
import { EXPORT_FORMATS, EXPORT_FORMAT_NAMES } from '@contract/export-formats';
import { focusArticle } from '../../editor/focus-article';
import { useStudio } from '../../store/studio-store';
import { Dialog } from '../common/Dialog';
import { PathField } from '../common/PathField';

/** `~/Documents/<name>`, the name made safe for a file (no slashes or control characters, not too long). */
function suggestedExportPath(name: string | null): string {
  const safe = (name ?? '')
    // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
    .replace(/[\u0000-\u001f/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80);
  return `~/Documents/${safe || 'Article'}`;
}

/** File: new, import, open, save as, export, and the recent projects. */
export function ProjectDialog() {
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  const recent = useStudio((state) => state.recentProjects);
  const exporting = useStudio((state) => Object.values(state.jobs).some((job) => job.kind === 'export'));
  const { setProjectDialogOpen, newProject, importArticle, openProject, saveProjectAs, exportArticle, pickProjectPath } =
    useStudio.getState();
  const [title, setTitle] = useState('');
  const [importPath, setImportPath] = useState('');
  const [openPath, setOpenPath] = useState('');
  const [saveAsPath, setSaveAsPath] = useState('');
  const [format, setFormat] = useState<ExportFormat>('html');
  // A suggested name: the project's (or an untitled one's heading) in Documents; the format adds the extension.
  const suggested = useStudio((state) =>
    suggestedExportPath(state.project?.untitled ? state.articleHeading : (state.project?.title ?? null)),
  );
  const [exportPath, setExportPath] = useState(suggested);

  useEffect(() => {
    // The Export button is disabled while exporting, which drops focus out of the dialog, where Escape no longer reached it.
    const dialog = body.current?.closest('dialog');
    if (!exporting && dialog && !dialog.contains(document.activeElement)) dialog.focus();
  }, [exporting]);
  const browse = async (purpose: 'open-project' | 'save-project' | 'export', apply: (path: string) => void, current: string) => {
    const path = await pickProjectPath(purpose, current || undefined);
    if (path) apply(path);
  };

  return (
    <Dialog
      title="File"
      onClose={() => setProjectDialogOpen(false)}
      closeTestId="close-project-dialog"
      className="project-dialog"
      testId="project-dialog"
      focusAfter={focusArticle}
    >
      <div ref={body} className="dialog-body two-columns">
        <form className="setup-section" onSubmit={(event) => (event.preventDefault(), void newProject(title.trim() || 'Untitled'))}>
          <h2>New project</h2>
          <div className="field">
            <label htmlFor={`${id}-title-input`}>Title</label>
            <input
              id={`${id}-title-input`}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              data-testid="new-project-title"
            />
          </div>
          <button type="submit" data-testid="new-project">
            New
          </button>
        </form>
        <form
          className="setup-section"
          onSubmit={(event) => (event.preventDefault(), importPath.trim() && void importArticle(importPath.trim()))}
        >
          <h2>Import</h2>
          <PathField
            label="Markdown or text file"
            value={importPath}
            onChange={setImportPath}
            purpose="import-article"
            testId="import-path"
            placeholder="e.g. ~/Documents/Harbour towns.md"
            hint="Becomes a new project, with the pictures it shows. The open project stays as it is."
          />
          <button type="submit" data-testid="import-article" disabled={!importPath.trim()}>
            Import
          </button>
        </form>
        <form
          className="setup-section"
          onSubmit={(event) => (event.preventDefault(), openPath.trim() && void openProject(openPath.trim()))}
        >
          <h2>Open</h2>
          <PathField
            label="Project folder (.folio)"
            value={openPath}
            onChange={setOpenPath}
            onBrowse={() => void browse('open-project', setOpenPath, openPath)}
            purpose="open-project"
            testId="open-project-path"
          />
          <button type="submit" data-testid="open-project" disabled={!openPath.trim()}>
            Open
          </button>
        </form>
        <form
          className="setup-section"
          onSubmit={(event) => (event.preventDefault(), saveAsPath.trim() && void saveProjectAs(saveAsPath.trim()))}
        >
          <h2>Save as</h2>
          <PathField
            label="New project folder"
            value={saveAsPath}
            onChange={setSaveAsPath}
            onBrowse={() => void browse('save-project', setSaveAsPath, saveAsPath)}
            purpose="save-project"
            testId="save-as-path"
            placeholder="e.g. ~/Documents/Harbour towns.folio"
          />
          <button type="submit" data-testid="save-as" disabled={!saveAsPath.trim()}>
            Save as
          </button>
        </form>
        <form
          className="setup-section"
          onSubmit={(event) => (event.preventDefault(), exportPath.trim() && void exportArticle(format, exportPath.trim()))}
        >
          <h2>Export</h2>
          <div className="field">
            <label htmlFor={`${id}-format`}>Format</label>
            <select
              id={`${id}-format`}
              value={format}
              onChange={(event) => setFormat(event.target.value as ExportFormat)}
              data-testid="export-format"
            >
              {EXPORT_FORMATS.map((option) => (
                <option key={option} value={option}>
                  {EXPORT_FORMAT_NAMES[option].label}
                </option>
              ))}
            </select>
          </div>
          <PathField
            label="Export to"
            value={exportPath}
            onChange={setExportPath}
            onBrowse={() => void browse('export', setExportPath, exportPath)}
            purpose="export"
            format={format}
            testId="export-path"
          />
          <button type="submit" data-testid="export" disabled={!exportPath.trim() || exporting}>
            {exporting ? 'Exporting…' : 'Export'}
          </button>
        </form>
        {/* Beside Export, inside the body: below it, the list took the body's height and hid Open and Save As on a short window. */}
        {recent.length > 0 && (
          <section className="setup-section recent" aria-labelledby={`${id}-recent`}>
            <h2 id={`${id}-recent`}>Recent projects</h2>
            <ul>
              {recent.map((entry) => (
                <li key={entry.dir} data-testid="recent-project">
                  <button type="button" className="link-button" onClick={() => void openProject(entry.dir)} title={entry.dir}>
                    {entry.title}
                  </button>
                  <span className="hint"> {new Date(entry.openedAt).toLocaleDateString()}</span>
                  <span className="recent-folder" data-testid="recent-folder">
                    {entry.dir}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </Dialog>
  );
}
