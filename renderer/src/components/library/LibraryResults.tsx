import { LIBRARY_PICTURE_TYPE } from '../../editor/library-drag';
import { pictureUrls } from '../../store/picture-urls';
import { useStudio } from '../../store/studio-store';

/**
 * The search results as a grid of thumbnails, each labelled with its caption and file name.
 * A click puts the picture into the article at the cursor; dragging puts it where it is dropped.
 */
export function LibraryResults() {
  const results = useStudio((state) => state.libraryResults);
  const searching = useStudio((state) => state.searchingLibrary);
  const busy = useStudio((state) => state.figureEdit !== null);
  const insertLibraryPicture = useStudio((state) => state.insertLibraryPicture);
  if (results === null) return null;
  if (results.length === 0) return <p className="hint">{searching ? 'Searching…' : 'No pictures match.'}</p>;
  return (
    <ul className="thumb-grid library-results" aria-label="Library pictures" aria-busy={searching}>
      {results.map((picture) => (
        <li key={picture.id}>
          <button
            type="button"
            className="thumb"
            data-testid="library-result"
            title={
              picture.tooSmallForFigure ? undefined : `Put into the article (or drag it there): ${picture.caption || picture.fileName}`
            }
            disabled={picture.tooSmallForFigure || busy}
            draggable={!picture.tooSmallForFigure}
            onDragStart={(event) => {
              event.dataTransfer.setData(LIBRARY_PICTURE_TYPE, JSON.stringify(picture));
              event.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => void insertLibraryPicture(picture, null)}
          >
            <img src={pictureUrls.libraryThumbnail(picture.id)} alt="" loading="lazy" draggable={false} />
            <span className="thumb-caption">{picture.caption || 'No caption'}</span>
            <span className="thumb-file">{picture.fileName}</span>
            {picture.tooSmallForFigure && (
              <span className="thumb-note">
                Too small for a figure ({picture.width} × {picture.height})
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
