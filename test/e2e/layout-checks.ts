/// <reference lib="dom" />
/** What the layout tests measure on the page: sideways scrolling, boxes inside boxes, buttons that are whole and on top. */
import type { Locator, Page } from 'playwright-core';

/** The elements under `selectors` that scroll sideways: "selector: scrollWidth > clientWidth". */
export const scrollingSideways = (page: Page, selectors: string[]) =>
  page.evaluate(
    (all) =>
      all.flatMap((selector) =>
        [...document.querySelectorAll<HTMLElement>(selector)]
          .filter((element) => element.scrollWidth > element.clientWidth)
          .map((element) => `${selector}: ${element.scrollWidth} > ${element.clientWidth}`),
      ),
    selectors,
  );
export const SCROLLERS = ['html', 'body', '.app', '.workspace', '.editor-column', '.side-panel', '.ProseMirror'];

/** Whether `inner`'s box lies within `outer`'s (1 px of rounding allowed). */
export async function within(inner: Locator, outer: Locator): Promise<string | null> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  if (!a || !b) return 'not shown';
  const fits = a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
  return fits ? null : `${Math.round(a.x)}..${Math.round(a.x + a.width)} outside ${Math.round(b.x)}..${Math.round(b.x + b.width)}`;
}

/** Buttons of `scope` that are not whole and on top inside the window: points near each edge must hit the button itself. */
export function hiddenButtons(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) =>
    [...root.querySelectorAll<HTMLButtonElement>('button')]
      .filter((button) => button.offsetParent !== null)
      .filter((button) => {
        const box = button.getBoundingClientRect();
        // Top and bottom in the middle (a rounded corner is not the button's), and both sides' middles.
        const [x, y] = [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
        const points = [
          [x, box.top + 3],
          [x, box.bottom - 3],
          [box.left + 3, y],
          [box.right - 3, y],
        ];
        return !points.every(([x, y]) => {
          if (x! < 0 || y! < 0 || x! > innerWidth || y! > innerHeight) return false;
          const hit = document.elementFromPoint(x!, y!);
          return hit !== null && (hit === button || button.contains(hit));
        });
      })
      .map((button) => (button.textContent ?? '').trim() || (button.getAttribute('aria-label') ?? '?')),
  );
}
