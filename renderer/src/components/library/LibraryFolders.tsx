import type { LibraryFolderState } from '@contract/studio-api';
import { useStudio } from '../../store/studio-store';

const NO_FOLDERS: readonly LibraryFolderState[] = [];

/** The folders in the library, each with its counts, the files left out and why, Re-scan and Remove. */
export function LibraryFolders() {
  // The selector returns the state's own array (a new [] on every call would re-render forever).
  const folders = useStudio((state) => state.library?.folders) ?? NO_FOLDERS;
  const busy = useStudio((state) => state.indexJobId !== null);
  if (folders.length === 0) return null;
  return (
    <ul className="library-folders" data-testid="library-folders" aria-label="Folders in the library">
      {folders.map((folder) => (
        <LibraryFolderRow key={folder.path} folder={folder} busy={busy} />
      ))}
    </ul>
  );
}

function LibraryFolderRow({ folder, busy }: { folder: LibraryFolderState; busy: boolean }) {
  const { indexLibrary, removeLibraryFolder } = useStudio.getState();
  const counts = [
    `${folder.pictures} picture${folder.pictures === 1 ? '' : 's'}`,
    folder.duplicates ? `${folder.duplicates} duplicate${folder.duplicates === 1 ? '' : 's'} merged` : '',
    folder.skipped ? `${folder.skipped} skipped` : '',
  ].filter(Boolean);
  return (
    <li data-testid="library-folder-row">
      {/* Two lines (panels.css), and a space between for whatever reads the text: never "…/Walk pictures3 pictures". */}
      <span className="library-folder-path" title={folder.path}>
        {folder.path}
      </span>{' '}
      <span className="hint library-folder-counts">
        {counts.join(', ')}
        {folder.indexedAt === null ? ' (indexing did not finish)' : ''}
      </span>
      <div className="button-row">
        <button
          type="button"
          disabled={busy}
          onClick={() => void indexLibrary(folder.path)}
          title="Look for new, changed and deleted pictures"
        >
          Re-scan
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void removeLibraryFolder(folder.path)}
          title="Take this folder's pictures out of the library"
        >
          Remove
        </button>
      </div>
      {folder.skippedFiles.length > 0 && (
        <details>
          <summary>Files left out</summary>
          <ul className="skipped-files">
            {folder.skippedFiles.map((file) => (
              <li key={file.path}>
                {file.path.slice(folder.path.length + 1) || file.path}: {file.reason}
              </li>
            ))}
          </ul>
          {folder.skipped > folder.skippedFiles.length && <p className="hint">and {folder.skipped - folder.skippedFiles.length} more</p>}
        </details>
      )}
    </li>
  );
}
