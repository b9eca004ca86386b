import { useId } from 'react';
import { matchesShortcut, shortcutLabel } from '../../keyboard/shortcuts';
import { composeHasNoPictures } from '../../store/slices/compose-selectors';
import { useStudio } from '../../store/studio-store';
import { ReferencePictures } from './ReferencePictures';

const FIGURE_COUNTS = Array.from({ length: 15 }, (_, index) => index + 1);

/** Outline, reference pictures and options in; an illustrated article out. */
export function ComposerPanel() {
  const id = useId();
  const outline = useStudio((state) => state.outline);
  const figureCount = useStudio((state) => state.figureCount);
  const useLibrary = useStudio((state) => state.useLibrary);
  const composing = useStudio((state) => state.composeJobId !== null);
  const libraryPictures = useStudio((state) => state.library?.pictures ?? 0);
  const noPictures = useStudio(composeHasNoPictures);
  const { setOutline, setFigureCount, setUseLibrary, composeArticle, showPanel } = useStudio.getState();

  return (
    <section className="panel-body" data-testid="composer" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        Compose an article
      </h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void composeArticle();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-outline`}>Outline or instruction</label>
          <textarea
            id={`${id}-outline`}
            data-testid="outline"
            rows={9}
            value={outline}
            placeholder={'# A weekend in Lisbon\n## Getting there\n## Where to eat\n…'}
            onChange={(event) => setOutline(event.target.value)}
            onKeyDown={(event) => {
              if (matchesShortcut(event.nativeEvent, 'compose')) {
                event.preventDefault();
                void composeArticle();
              }
            }}
          />
        </div>
        <ReferencePictures />
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-figures`}>Figures</label>
            <select
              id={`${id}-figures`}
              data-testid="figure-count"
              value={figureCount ?? 'auto'}
              onChange={(event) => setFigureCount(event.target.value === 'auto' ? null : Number(event.target.value))}
            >
              <option value="auto">Automatic</option>
              {FIGURE_COUNTS.map((count) => (
                <option key={count} value={count}>
                  {count}
                </option>
              ))}
            </select>
          </div>
          <label
            className="checkbox"
            title={libraryPictures ? `${libraryPictures} pictures indexed` : 'Index a folder in the Library tab first'}
          >
            <input
              type="checkbox"
              data-testid="use-library"
              checked={useLibrary}
              onChange={(event) => setUseLibrary(event.target.checked)}
            />
            Use my library
          </label>
        </div>
        {noPictures === 'library-empty' && (
          <p className="hint warning" role="note" data-testid="no-pictures">
            Your library is empty, so this article will get no figures. Add reference pictures above, or{' '}
            <button type="button" className="link-button" onClick={() => showPanel('library')}>
              index a picture folder
            </button>
            .
          </p>
        )}
        {noPictures === 'library-off' && (
          <p className="hint warning" role="note" data-testid="no-pictures">
            With Use my library off and no reference pictures, this article will get no figures.
          </p>
        )}
        <button
          type="submit"
          className="primary wide"
          data-testid="compose"
          disabled={composing || !outline.trim()}
          title={`Compose (${shortcutLabel('compose')})`}
        >
          {composing ? 'Composing…' : 'Compose'}
        </button>
        <p className="hint">The article replaces what is in the editor; Undo brings the old one back.</p>
      </form>
    </section>
  );
}
