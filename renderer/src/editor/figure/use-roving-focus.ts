import { useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const NEXT_KEYS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * One tab stop for a group of buttons, arrow keys inside it (the WAI-ARIA toolbar pattern).
 * Every candidate and figure button was a tab stop of its own: after a reload a writer pressed
 * Tab 17 times to get past three figures. The last button used keeps the stop.
 */
export function useRovingFocus<Element extends HTMLElement>(): {
  ref: RefObject<Element | null>;
  onKeyDown(event: KeyboardEvent<Element>): void;
  onFocus(): void;
} {
  const ref = useRef<Element>(null);
  const current = useRef(0);

  const buttons = () => [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
  const settle = () => {
    const all = buttons();
    // A disabled button is no stop either way, but one enabled later must not become a second stop.
    ref.current?.querySelectorAll<HTMLButtonElement>('button[disabled]').forEach((button) => (button.tabIndex = -1));
    if (all.length === 0) return;
    current.current = Math.min(current.current, all.length - 1);
    all.forEach((button, index) => (button.tabIndex = index === current.current ? 0 : -1));
  };

  // After every render: buttons come and go (candidates, a busy figure disables them).
  useLayoutEffect(settle);

  return {
    ref,
    onFocus() {
      const index = buttons().indexOf(document.activeElement as HTMLButtonElement);
      if (index >= 0) current.current = index;
      settle();
    },
    onKeyDown(event) {
      const all = buttons();
      const at = all.indexOf(document.activeElement as HTMLButtonElement);
      if (at < 0) return;
      let next: number | null = null;
      if (event.key in NEXT_KEYS) next = (at + (NEXT_KEYS[event.key] ?? 0) + all.length) % all.length;
      else if (event.key === 'Home') next = 0;
      else if (event.key === 'End') next = all.length - 1;
      if (next === null) return;
      event.preventDefault();
      event.stopPropagation();
      current.current = next;
      settle();
      all[next]?.focus();
    },
  };
}
