import { useId, useRef } from 'react';
import { notPicturesError, picturesIn } from '../../pictures/picture-files';
import { pictureAccept } from '../../pictures/picture-accept';
import { pictureUrls } from '../../store/picture-urls';
import { matchesShortcut } from '../../keyboard/shortcuts';
import { useStudio } from '../../store/studio-store';

/** Ask about a picture: paste, drop or pick it, ask, and put the answer into the article. */
export function AskPanel() {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const picture = useStudio((state) => state.askPicture);
  const adding = useStudio((state) => state.addingAskPicture);
  const accept = pictureAccept(useStudio((state) => state.capabilities?.pictureTypes));
  const question = useStudio((state) => state.question);
  const answer = useStudio((state) => state.answer);
  const usesArticle = useStudio((state) => state.askUsesArticle);
  const askJobId = useStudio((state) => state.askJobId);
  const { attachAskPicture, clearAskPicture, setQuestion, setAskUsesArticle, askQuestion, insertAnswer, cancelJob, showError } =
    useStudio.getState();

  const attachFirst = (files: FileList | null | undefined) => {
    const [first] = picturesIn(files);
    if (first) void attachAskPicture(first);
    else {
      // Files, but none a picture: say so rather than ignore them.
      const problem = notPicturesError(files);
      if (problem) showError(problem);
    }
    return Boolean(first);
  };

  return (
    <section
      className="panel-body"
      data-testid="ask-panel"
      aria-labelledby={`${id}-title`}
      onPaste={(event) => {
        if (attachFirst(event.clipboardData.files)) event.preventDefault();
      }}
    >
      <h2 id={`${id}-title`} className="panel-title">
        Ask about a picture
      </h2>
      <div
        className={`drop-zone${picture ? ' has-picture' : ''}`}
        data-testid="ask-image"
        role="button"
        tabIndex={0}
        aria-label={picture ? 'Picture to ask about. Press Enter to choose another.' : 'Choose, drop or paste a picture to ask about'}
        onClick={() => fileInput.current?.click()}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            fileInput.current?.click();
          }
        }}
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          event.preventDefault();
          attachFirst(event.dataTransfer.files);
        }}
      >
        {picture ? (
          <img src={pictureUrls.assetThumbnail(picture.assetId)} alt="The picture you are asking about" data-testid="ask-image-preview" />
        ) : (
          <span>{adding ? 'Adding the picture…' : 'Drop, paste (Ctrl+V) or click to choose a picture'}</span>
        )}
      </div>
      <input
        ref={fileInput}
        type="file"
        accept={accept}
        hidden
        data-testid="ask-image-input"
        onChange={(event) => {
          attachFirst(event.target.files);
          event.target.value = '';
        }}
      />
      {picture && (
        <button type="button" className="link-button remove-picture" onClick={clearAskPicture}>
          Remove picture
        </button>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void askQuestion();
        }}
      >
        <div className="field">
          <label htmlFor="ask-question">Question</label>
          <textarea
            id="ask-question"
            data-testid="ask-question"
            rows={3}
            value={question}
            placeholder="What is in this picture?"
            onChange={(event) => setQuestion(event.target.value)}
            onKeyDown={(event) => {
              if (matchesShortcut(event.nativeEvent, 'compose')) {
                event.preventDefault();
                void askQuestion();
              }
            }}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={usesArticle} onChange={(event) => setAskUsesArticle(event.target.checked)} />
          Use the article as context
        </label>
        <div className="button-row">
          <button type="submit" className="primary" data-testid="ask-submit" disabled={askJobId !== null || !question.trim()}>
            {askJobId ? 'Asking…' : 'Ask'}
          </button>
          {askJobId && (
            <button type="button" data-testid="ask-cancel" onClick={() => void cancelJob(askJobId)}>
              Cancel
            </button>
          )}
        </div>
      </form>
      <div className="answer" data-testid="ask-answer" aria-live="polite" aria-busy={askJobId !== null} aria-label="Answer">
        {answer || <span className="hint">The answer appears here.</span>}
      </div>
      <button type="button" data-testid="ask-insert" disabled={!answer.trim() || askJobId !== null} onClick={insertAnswer}>
        Insert into document
      </button>
    </section>
  );
}
