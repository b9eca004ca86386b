import type { Editor } from '@tiptap/core';
import { useEffect, useId, useRef, useState } from 'react';
import { applyLink, linkAtSelection, removeLink } from '../../editor/formatting/link-commands';

/**
 * The link's address, typed in a small field under the toolbar (Ctrl/Cmd+K or the Link button):
 * Enter applies, Escape closes, Remove takes the link off. A refused address says why and stays.
 */
export function LinkField({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [existing] = useState(() => linkAtSelection(editor));
  const [address, setAddress] = useState(existing);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => input.current?.focus(), []);

  // The caret goes back into the article at once, with the selection the article kept (Tiptap's
  // focus command waits a frame, then restores its selection over keys pressed meanwhile).
  const close = () => {
    editor.view.focus();
    onClose();
  };
  const apply = () => {
    editor.view.focus();
    const why = applyLink(editor, address);
    if (!why) return close();
    setRefusal(why);
    input.current?.focus();
  };
  return (
    <form
      className="link-field"
      data-testid="link-field"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      onKeyDown={(event) => {
        // Enter and Escape are answered here, their default actions stopped: once the focus is
        // back in the article, the rest of the key (Enter's new line) must not land there.
        if (event.key !== 'Escape' && event.key !== 'Enter') return;
        event.preventDefault();
        event.stopPropagation();
        if (event.key === 'Escape') close();
        else if (event.target === input.current) apply();
      }}
    >
      <label htmlFor={`${id}-address`}>Link to</label>
      <input
        ref={input}
        id={`${id}-address`}
        type="text"
        inputMode="url"
        placeholder="https://… or name@example.org"
        value={address}
        aria-invalid={refusal !== null}
        aria-describedby={refusal ? `${id}-refusal` : undefined}
        onChange={(event) => {
          setAddress(event.target.value);
          setRefusal(null);
        }}
        data-testid="link-address"
      />
      <button type="submit" className="primary" data-testid="apply-link">
        {existing ? 'Change' : 'Add link'}
      </button>
      {existing && (
        <button
          type="button"
          data-testid="remove-link"
          onClick={() => {
            editor.view.focus();
            removeLink(editor);
            close();
          }}
        >
          Remove
        </button>
      )}
      <button type="button" className="quiet" data-testid="cancel-link" onClick={close}>
        Cancel
      </button>
      {refusal && (
        <p className="link-refusal" id={`${id}-refusal`} role="alert" data-testid="link-refusal">
          {refusal}
        </p>
      )}
    </form>
  );
}
