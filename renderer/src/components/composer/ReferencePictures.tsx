import { useId, useRef } from 'react';
import { picturesIn, pictureService } from '../../services/picture-service';
import { useStudio } from '../../store/studio-store';

/** Reference pictures for compose: picked, dropped or pasted, then stored in the project. */
export function ReferencePictures() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const references = useStudio((state) => state.references);
  const adding = useStudio((state) => state.addingReferences > 0);
  const { addReferencePictures, removeReference } = useStudio.getState();

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
          void addReferencePictures(picturesIn(event.dataTransfer.files));
        }}
        onPaste={(event) => {
          const pictures = picturesIn(event.clipboardData.files);
          if (pictures.length) {
            event.preventDefault();
            void addReferencePictures(pictures);
          }
        }}
      >
        {references.length > 0 && (
          <ul className="reference-list">
            {references.map((picture) => (
              <li key={picture.assetId} className="reference">
                <img src={pictureService.assetUrl(picture.assetId)} alt="Reference picture" />
                <button type="button" className="icon-button remove" aria-label="Remove this reference picture" onClick={() => removeReference(picture.assetId)}>
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
          accept="image/*"
          multiple
          hidden
          data-testid="reference-input"
          onChange={(event) => {
            void addReferencePictures(picturesIn(event.target.files));
            event.target.value = '';
          }}
        />
      </div>
    </div>
  );
}
