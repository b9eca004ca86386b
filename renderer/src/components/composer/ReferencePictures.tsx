import { useId, useRef } from 'react';
import { notPicturesError, picturesIn } from '../../pictures/picture-files';
import { pictureAccept } from '../../pictures/picture-accept';
import { pictureUrls } from '../../store/picture-urls';
import { useStudio } from '../../store/studio-store';

/** Reference pictures for compose: picked, dropped or pasted, then stored in the project. */
export function ReferencePictures() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const references = useStudio((state) => state.references);
  const adding = useStudio((state) => state.addingReferences > 0);
  const accept = pictureAccept(useStudio((state) => state.capabilities?.pictureTypes));
  const { addReferencePictures, removeReference, showError } = useStudio.getState();
  /** Adds the pictures among the files and says which files are not pictures. */
  const addFiles = (files: FileList | null | undefined) => {
    const problem = notPicturesError(files);
    if (problem) showError(problem);
    void addReferencePictures(picturesIn(files));
  };

  return (
    <div className="field">
      <span className="label" id={`${id}-label`}>
        Reference pictures <span className="optional">(optional)</span>
      </span>
      <div
        className="drop-zone small"
        role="group"
        aria-labelledby={`${id}-label`}
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          event.preventDefault();
          addFiles(event.dataTransfer.files);
        }}
        onPaste={(event) => {
          if (event.clipboardData.files.length) {
            event.preventDefault();
            addFiles(event.clipboardData.files);
          }
        }}
      >
        {references.length > 0 && (
          <ul className="reference-list">
            {references.map((picture) => (
              <li key={picture.assetId} className="reference" data-testid="reference-picture" data-asset-id={picture.assetId}>
                <img src={pictureUrls.assetThumbnail(picture.assetId)} alt="Reference picture" />
                <button
                  type="button"
                  className="icon-button remove"
                  aria-label="Remove this reference picture"
                  onClick={() => removeReference(picture.assetId)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="quiet" onClick={() => input.current?.click()}>
          {adding ? 'Adding…' : 'Add pictures…'}
        </button>
        <span className="hint">or drop / paste them here</span>
        <input
          ref={input}
          type="file"
          accept={accept}
          multiple
          hidden
          data-testid="reference-input"
          onChange={(event) => {
            addFiles(event.target.files);
            event.target.value = '';
          }}
        />
      </div>
    </div>
  );
}
