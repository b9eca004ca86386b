import { useId } from 'react';
import { describeProgress, progressFraction } from '../../format/describe-progress';
import { shortcutLabel } from '../../keyboard/shortcuts';
import { useStudio } from '../../store/studio-store';
import { PathField } from '../common/PathField';
import { ProgressBar } from '../common/ProgressBar';
import { LibraryCaptions } from './LibraryCaptions';
import { LibraryFolders } from './LibraryFolders';
import { LibraryResults } from './LibraryResults';
import type { IndexResult } from '@contract/studio-api';

function indexSummary(result: IndexResult): string {
  const parts = [
    `${result.added} added`,
    result.embedded ? `${result.embedded} given picture search` : '',
    result.duplicates ? `${result.duplicates} duplicate${result.duplicates === 1 ? '' : 's'} merged` : '',
    `${result.unchanged} unchanged`,
    `${result.removed} removed`,
    `${result.skipped} skipped`,
  ].filter(Boolean);
  const pace = result.picturesPerSecond ? ` (${result.picturesPerSecond.toFixed(1)} pictures a second)` : '';
  return `${parts.join(', ')}${pace}.`;
}

/** The writer's own picture folder: index it, search it. */
export function LibraryPanel() {
  const id = useId();
  const library = useStudio((state) => state.library);
  const folder = useStudio((state) => state.libraryFolder);
  const indexJob = useStudio((state) => (state.indexJobId ? (state.jobs[state.indexJobId] ?? null) : null));
  const lastIndex = useStudio((state) => state.lastIndex);
  const query = useStudio((state) => state.libraryQuery);
  const { setLibraryFolder, pickLibraryFolder, indexLibrary, searchLibrary, cancelJob } = useStudio.getState();
  const progress = indexJob?.progress?.kind === 'index' ? indexJob.progress : null;

  return (
    <section className="panel-body" data-testid="library-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        Picture library
      </h2>
      <p className="library-state">
        {library?.folders.length
          ? `${library.pictures} pictures from ${library.folders.length} folder${library.folders.length === 1 ? '' : 's'}`
          : library
            ? 'No folder indexed yet.'
            : 'Reading the library…'}
      </p>
      {library?.embeddingModel?.demo && (
        <p className="hint" data-testid="library-demo-model">
          Search by meaning uses the demo model (random): results mean nothing. Download CLIP ViT-B/32 with “folio models pull
          clip-vit-b-32” for real picture search.
        </p>
      )}
      <LibraryFolders />
      <LibraryCaptions />
      <PathField
        label="Folder"
        value={folder}
        onChange={setLibraryFolder}
        onBrowse={() => void pickLibraryFolder()}
        purpose="library-folder"
        testId="library-folder"
        placeholder="/home/you/Pictures"
      />
      <div className="button-row">
        <button
          type="button"
          className="primary"
          data-testid="library-index"
          disabled={!folder.trim() || indexJob !== null}
          onClick={() => void indexLibrary()}
        >
          {indexJob ? 'Indexing…' : 'Add folder'}
        </button>
        {indexJob && (
          <button type="button" data-testid="library-cancel" disabled={indexJob.cancelling} onClick={() => void cancelJob(indexJob.id)}>
            Cancel
          </button>
        )}
      </div>
      {indexJob && (
        <div className="index-progress" data-testid="library-progress" aria-live="polite">
          <ProgressBar fraction={progressFraction(progress)} label="Indexing the library" />
          <p>{describeProgress(progress, 'Indexing the library')}</p>
          {progress?.current && <p className="hint current-file">{progress.current}</p>}
        </div>
      )}
      {lastIndex && !indexJob && (
        <p className="hint" role="status" data-testid="library-index-summary">
          {lastIndex.cancelled ? 'Stopped; what was finished is kept. ' : 'Done. '}
          {indexSummary(lastIndex)}
        </p>
      )}
      <form role="search" className="field" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="library-search">Search</label>
        <input
          id="library-search"
          type="search"
          data-testid="library-search"
          value={query}
          placeholder="harbour at dusk"
          title={`Search the library (${shortcutLabel('focusLibrarySearch')})`}
          onChange={(event) => void searchLibrary(event.target.value)}
        />
      </form>
      {library?.preparingSearch && (
        <p className="hint" role="status" data-testid="library-preparing-search">
          Preparing search…
        </p>
      )}
      <LibraryResults />
    </section>
  );
}
