import { useState } from 'react';
import type { LibraryPicture } from '@contract/studio-api';
import { Thumbnail } from './thumbnail';

interface Props {
  initialQuery: string;
  disabled: boolean;
  onChoose(libraryImageId: number): void;
  findLibraryPictures(query: string): Promise<LibraryPicture[]>;
  libraryThumbnailUrl(libraryImageId: number): string;
}

/** "Replace from library": search the writer's pictures and pick one for this figure. */
export function FigureLibrarySearch({ initialQuery, disabled, onChoose, findLibraryPictures, libraryThumbnailUrl }: Props) {
  const [query, setQuery] = useState(initialQuery);
  const [results, setResults] = useState<LibraryPicture[] | null>(null);

  const search = async () => {
    if (query.trim()) setResults(await findLibraryPictures(query.trim()));
  };

  return (
    <div className="figure-search">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <input
          type="search"
          aria-label="Search the library for a picture"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="figure-library-query"
        />
        <button type="submit">Search</button>
      </form>
      {results && results.length === 0 && <p className="hint">No pictures match.</p>}
      {results && results.length > 0 && (
        <ul className="thumb-grid" aria-label="Library pictures">
          {results.map((picture) => (
            <li key={picture.id}>
              <button
                type="button"
                className="thumb"
                title={picture.caption || picture.fileName}
                aria-label={
                  picture.tooSmallForFigure
                    ? `Too small for a figure: ${picture.fileName}`
                    : `Use ${picture.fileName}${picture.caption ? `: ${picture.caption}` : ''}`
                }
                disabled={disabled || picture.tooSmallForFigure}
                onClick={() => onChoose(picture.id)}
                data-testid="figure-library-result"
              >
                <Thumbnail url={libraryThumbnailUrl(picture.id)} />
                <span className="thumb-file">{picture.tooSmallForFigure ? 'Too small' : picture.fileName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
