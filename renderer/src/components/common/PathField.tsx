import { useId, useState } from 'react';
import type { ExportFormat, PickPurpose } from '@contract/studio-api';
import { useStudio } from '../../store/studio-store';
import { FolderPicker } from './FolderPicker';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Opens the native dialog (Electron); without it, Browse… asks for `purpose` and fills the field. */
  onBrowse?: () => void;
  /** What Browse… chooses; without native dialogs it opens the in-page picker for it. */
  purpose?: PickPurpose;
  /** Export: the picker shows files of this format. */
  format?: ExportFormat;
  testId?: string;
  placeholder?: string;
  hint?: string;
}

/** A path typed as text, with Browse…: the native dialog in Electron, the in-page picker in the browser studio. */
export function PathField({ label, value, onChange, onBrowse, purpose, format, testId, placeholder, hint }: Props) {
  const id = useId();
  const nativeDialogs = useStudio((state) => state.capabilities?.nativeDialogs ?? false);
  const [picking, setPicking] = useState(false);
  const canBrowse = nativeDialogs ? Boolean(onBrowse ?? purpose) : Boolean(purpose);
  const browseNatively = async () => {
    if (onBrowse) return onBrowse();
    const chosen = purpose ? await useStudio.getState().pickNativePath(purpose, value) : null;
    if (chosen) onChange(chosen);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="path-field">
        <input
          id={id}
          type="text"
          spellCheck={false}
          value={value}
          placeholder={placeholder}
          data-testid={testId}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        {canBrowse && (
          <button
            type="button"
            onClick={() => (nativeDialogs ? void browseNatively() : setPicking(true))}
            aria-label={`Browse… for “${label}”`}
            data-testid={testId ? `${testId}-browse` : undefined}
          >
            Browse…
          </button>
        )}
      </div>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {picking && purpose && (
        <FolderPicker
          purpose={purpose}
          {...(format ? { format } : {})}
          value={value}
          onChoose={(path) => {
            setPicking(false);
            onChange(path);
          }}
          onCancel={() => setPicking(false)}
        />
      )}
    </div>
  );
}
