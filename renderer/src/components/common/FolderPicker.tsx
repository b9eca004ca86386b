import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type { ExportFormat, FolderEntry, ListFolderRequest, PickPurpose } from '@contract/studio-api';
import { useStudio } from '../../store/studio-store';
import { Dialog } from './Dialog';
import { FolderList } from './FolderList';
import { NewFolderField } from './NewFolderField';
import { chosenPath, entryAction, namesNewFile, pickerStart } from './picker-choice';
import { crumbsOf, joinPath, nameOf } from './picker-paths';

interface Props {
  purpose: PickPurpose;
  /** Export: files of this format are shown. */
  format?: ExportFormat;
  /** The field's path: the picker starts there. */
  value: string;
  onChoose(path: string): void;
  onCancel(): void;
}

const TITLES: Record<PickPurpose, string> = {
  decoder: 'Choose the model file',
  projector: 'Choose the vision projector (mmproj) file',
  'library-folder': 'Choose your picture folder',
  'open-project': 'Open a project',
  'save-project': 'Save the project as',
  export: 'Export the article to',
  benchmark: 'Choose the benchmark file',
  'checkpoint-folder': 'Choose the checkpoint folder',
  'import-article': 'Import an article (Markdown or text)',
};

/** The browser studio's stand-in for the native dialogs: the server's folders, inside home and Folio's own. */
export function FolderPicker({ purpose, format, value, onChoose, onCancel }: Props) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const listing = useStudio((state) => state.pickerListing);
  const error = useStudio((state) => state.pickerError);
  const loading = useStudio((state) => state.pickerLoading);
  const { browseFolder, closeFolderPicker } = useStudio.getState();
  const [start] = useState(() => pickerStart(purpose, value));
  const [fileName, setFileName] = useState(start.fileName);
  const [showHidden, setShowHidden] = useState(false);
  const [active, setActive] = useState(-1);
  const select = useRef<string | null>(start.select);

  const show = (path: string | undefined, hidden = showHidden) => {
    const request: ListFolderRequest = {
      purpose,
      ...(path ? { path } : {}),
      ...(format ? { format } : {}),
      ...(hidden ? { showHidden: true } : {}),
    };
    return browseFolder(request);
  };

  useEffect(() => {
    // A typed path that is gone or outside the allowed folders: start at home rather than on an error.
    void show(start.folder).then((shown) => (shown || !start.folder ? shown : show(undefined)));
    return () => closeFolderPicker();
    // Once, when the picker opens.
  }, []);

  useEffect(() => {
    // The first run comes before any listing: the entry the field names waits for its folder's.
    if (!listing) return;
    const wanted = select.current ?? listing.selected ?? null;
    select.current = null;
    setActive(wanted ? listing.entries.findIndex((entry) => entry.name === wanted) : -1);
  }, [listing]);

  const entry = listing ? (listing.entries[active] ?? null) : null;
  const chosen = listing ? chosenPath(purpose, listing, entry, fileName, format) : null;

  const goUp = () => {
    if (!listing?.parent) return;
    select.current = nameOf(listing.path);
    void show(listing.parent);
  };
  const activate = (target: FolderEntry) => {
    if (!listing) return;
    const action = entryAction(purpose, target);
    if (action === 'enter') void show(joinPath(listing.path, target.name));
    else if (action === 'name') setFileName(target.name);
    else onChoose(joinPath(listing.path, target.name));
  };
  const enterNewFolder = (made: string) => {
    void show(made);
    form.current?.querySelector<HTMLElement>('[data-testid="picker-file-name"]')?.focus();
  };
  const choose = (event: FormEvent) => {
    event.preventDefault();
    // Through the portal React still bubbles the submit to the form the Browse button sits in (the File dialog's Open, …).
    event.stopPropagation();
    if (chosen) onChoose(chosen);
  };

  const crumbs = listing ? crumbsOf(listing.path, listing.root) : [];
  // In a portal: the picker is not part of the form its Browse… button sits in.
  return createPortal(
    <Dialog
      title={TITLES[purpose]}
      onClose={onCancel}
      closeLabel="Cancel"
      className="folder-picker"
      testId="folder-picker"
      initialFocus={namesNewFile(purpose) ? '[data-testid="picker-file-name"]' : '[data-testid="picker-list"]'}
    >
      <form ref={form} className="picker-form" onSubmit={choose}>
        <nav className="picker-crumbs" aria-label="Folder path">
          <ol>
            {crumbs.map((crumb, index) => (
              <li key={crumb.path}>
                <button
                  type="button"
                  className="quiet"
                  aria-current={index === crumbs.length - 1 ? 'location' : undefined}
                  onClick={() => void show(crumb.path)}
                >
                  {crumb.label}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <div className="picker-body">
          <nav className="picker-places" aria-label="Places">
            <ul>
              {(listing?.roots ?? []).map((root) => (
                <li key={root.path}>
                  <button
                    type="button"
                    className="quiet"
                    aria-current={listing?.root.path === root.path ? 'true' : undefined}
                    title={root.path}
                    onClick={() => void show(root.path)}
                    data-testid="picker-place"
                  >
                    {root.label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className="picker-main" aria-busy={loading}>
            <FolderList
              folderName={crumbs.at(-1)?.label ?? ''}
              entries={listing?.entries ?? []}
              active={active}
              onSelect={setActive}
              onActivate={activate}
              onUp={goUp}
            />
            {listing && listing.entries.length === 0 && <p className="hint">Nothing in this folder to show.</p>}
            {listing && listing.more > 0 && (
              <p className="hint">…and {listing.more.toLocaleString()} more, not shown: type the path in the field instead.</p>
            )}
            {error && (
              <p className="inline-error" role="alert" data-testid="picker-error">
                {error.message}
              </p>
            )}
          </div>
        </div>
        {namesNewFile(purpose) && (
          <div className="field picker-file-name">
            <label htmlFor={`${id}-name`}>{purpose === 'export' ? 'File name' : 'Project name'}</label>
            <input
              id={`${id}-name`}
              type="text"
              spellCheck={false}
              value={fileName}
              onChange={(event) => setFileName(event.target.value)}
              data-testid="picker-file-name"
            />
          </div>
        )}
        <p className="picker-chosen" aria-live="polite">
          {chosen && (
            <>
              Choose takes <span data-testid="picker-chosen">{chosen}</span>
            </>
          )}
        </p>
        <div className="picker-footer">
          {namesNewFile(purpose) && listing && <NewFolderField folder={listing.path} onMade={enterNewFolder} />}
          <label className="picker-hidden">
            <input
              type="checkbox"
              checked={showHidden}
              onChange={(event) => (setShowHidden(event.target.checked), void show(listing?.path, event.target.checked))}
            />{' '}
            Show hidden files
          </label>
          <span className="picker-spacer" />
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!chosen} data-testid="picker-choose">
            Choose
          </button>
        </div>
      </form>
    </Dialog>,
    document.body,
  );
}
