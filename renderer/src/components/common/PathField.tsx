import { useId } from 'react';
import { useStudio } from '../../store/studio-store';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Opens the native dialog; the button shows only where the shell has one. */
  onBrowse?: () => void;
  testId?: string;
  placeholder?: string;
  hint?: string;
}

/** A path typed as text, with Browse… where native dialogs exist. */
export function PathField({ label, value, onChange, onBrowse, testId, placeholder, hint }: Props) {
  const id = useId();
  const nativeDialogs = useStudio((state) => state.capabilities?.nativeDialogs ?? false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="path-field">
        <input id={id} type="text" spellCheck={false} value={value} placeholder={placeholder} data-testid={testId} onChange={(event) => onChange(event.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} />
        {nativeDialogs && onBrowse && (
          <button type="button" onClick={onBrowse}>
            Browse…
          </button>
        )}
      </div>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
