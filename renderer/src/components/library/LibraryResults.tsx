import { pictureService } from '../../services/picture-service';
import { useStudio } from '../../store/studio-store';

/** The search results as a grid of thumbnails, each labelled with its caption and file name. */
export function LibraryResults() {
  const results = useStudio((state) => state.libraryResults);
  const searching = useStudio((state) => state.searchingLibrary);
  if (results === null) return null;
  if (results.length === 0) return <p className="hint">{searching ? 'Searching…' : 'No pictures match.'}</p>;
  return (
    <ul className="thumb-grid library-results" aria-label="Library pictures" aria-busy={searching}>
      {results.map((picture) => (
        <li key={picture.id} data-testid="library-result" className="thumb" title={picture.caption || picture.fileName}>
          <img src={pictureService.libraryThumbnailUrl(picture.id)} alt="" loading="lazy" />
          <span className="thumb-caption">{picture.caption || 'No caption'}</span>
          <span className="thumb-file">{picture.fileName}</span>
          {picture.tooSmallForFigure && (
            <span className="thumb-note">
              Too small for a figure ({picture.width} × {picture.height})
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
