import { useSyncExternalStore } from 'react';

/** The modal dialogs open now, the topmost last: only the topmost takes clicks and keys. */
let open: HTMLDialogElement[] = [];
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

export function dialogOpened(dialog: HTMLDialogElement): void {
  open = [...open, dialog];
  changed();
}

export function dialogClosed(dialog: HTMLDialogElement): void {
  open = open.filter((each) => each !== dialog);
  changed();
}

/** The topmost open modal dialog, or null: what is outside it is inert, so notices shown now go inside it. */
export function useTopDialog(): HTMLDialogElement | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => open.at(-1) ?? null,
  );
}
