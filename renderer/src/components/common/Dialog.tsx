import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { dialogClosed, dialogOpened } from './open-dialogs';
import { focusableIn, trapFocus } from './trap-focus';

export interface DialogProps {
  title: ReactNode;
  /** Escape, the × button and a click beside the dialog call it. */
  onClose(): void;
  /** The × button's accessible name. @default 'Close' */
  closeLabel?: string;
  closeTestId?: string;
  className?: string;
  testId?: string;
  /**
   * What takes focus as it opens: a selector for the dialog or something inside it.
   * @default the first field (input, select or textarea), else the dialog itself
   */
  initialFocus?: string;
  /** Where focus goes on closing when what opened it is gone (the page had it, or it was removed). */
  focusAfter?(): void;
  children: ReactNode;
}

/**
 * A modal dialog on the browser's <dialog>: the page behind is inert (no clicks, no Tab, no
 * screen-reader wandering), focus moves into it and back to what opened it, Escape closes it and
 * Tab goes round inside it. Every dialog of the studio is one, so they look and behave alike.
 */
export function Dialog({
  title,
  onClose,
  closeLabel = 'Close',
  closeTestId,
  className,
  testId,
  initialFocus,
  focusAfter,
  children,
}: DialogProps) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const pressedBeside = useRef(false);
  // The latest callbacks, for listeners added once.
  const close = useRef(onClose);
  close.current = onClose;
  const after = useRef(focusAfter);
  after.current = focusAfter;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    dialog.showModal();
    dialogOpened(dialog);
    const wanted = !initialFocus ? null : dialog.matches(initialFocus) ? dialog : dialog.querySelector<HTMLElement>(initialFocus);
    const field = focusableIn(dialog).find((element) => element.matches('input, select, textarea'));
    (wanted ?? field ?? dialog).focus();

    // Native listeners: they see the notices shown inside the dialog too (React portals them from elsewhere).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Tab') trapFocus(dialog, event);
    };
    // A close request that did not come through Escape (the platform's own): the store decides, not the element.
    const onCancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener('keydown', onKeyDown);
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('keydown', onKeyDown);
      dialog.removeEventListener('cancel', onCancel);
      dialogClosed(dialog);
      if (dialog.open) dialog.close();
      if (opener?.isConnected && !opener.closest('[inert]')) opener.focus();
      else after.current?.();
    };
    // Once, as it opens: the dialog's life is the component's.
  }, []);

  const outside = (event: { clientX: number; clientY: number; target: EventTarget }) => {
    const dialog = ref.current;
    if (!dialog || event.target !== dialog) return false;
    const box = dialog.getBoundingClientRect();
    return event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
  };

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
      data-testid={testId}
      onKeyDown={(event) => {
        // Here rather than on 'cancel': a field inside that handles Escape itself stops it first.
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
      // A click on the backdrop lands on the dialog element; one that began inside (selecting text) does not count.
      onPointerDown={(event) => (pressedBeside.current = outside(event))}
      onClick={(event) => pressedBeside.current && outside(event) && onClose()}
    >
      <header className="dialog-header">
        <h1 id={`${id}-title`}>{title}</h1>
        <button type="button" className="icon-button" aria-label={closeLabel} data-testid={closeTestId} onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
