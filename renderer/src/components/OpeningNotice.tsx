import { useStudio } from '../store/studio-store';

/** What opening the project found: recovered work, missing pictures. Stays until dismissed. */
export function OpeningNotice() {
  const notice = useStudio((state) => state.openingNotice);
  const dismiss = useStudio((state) => state.dismissOpeningNotice);
  if (!notice) return null;
  return (
    <div className="opening-notice" role="status" data-testid="opening-notice">
      <div>
        {notice.recovered && <p>Recovered unsaved work from an autosave.</p>}
        {notice.warnings.map((warning) => (
          <p key={warning}>{warning}</p>
        ))}
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
