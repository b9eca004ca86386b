/// <reference lib="dom" />
/** What the end-to-end tests read off the studio page: the article as a writer sees it, and axe-core's verdict. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export const figureIds = (page: Page) =>
  page.locator('[data-testid="figure"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-asset-id')));
export const paragraphTexts = (page: Page) => page.locator('[data-testid="editor"] .ProseMirror > p').allInnerTexts();

export interface EditorFormatting {
  headings: string[];
  bold: string[];
  italic: string[];
  /** [text, href] of each link. */
  links: string[][];
  bullets: string[];
  numbers: string[];
  quotes: string[];
}

/** The marks and blocks the editor shows, by their elements (h1, strong, em, a, ul/ol > li, blockquote), in page order. */
export function editorFormatting(page: Page): Promise<EditorFormatting> {
  return page.evaluate(() => {
    const article = document.querySelector('[data-testid="editor"] .ProseMirror');
    const texts = (selector: string) => [...(article?.querySelectorAll(selector) ?? [])].map((node) => (node.textContent ?? '').trim());
    return {
      headings: texts('h1'),
      bold: texts('strong'),
      italic: texts('em'),
      links: [...(article?.querySelectorAll('a') ?? [])].map((link) => [link.textContent ?? '', link.getAttribute('href') ?? '']),
      bullets: texts('ul > li'),
      numbers: texts('ol > li'),
      quotes: texts('blockquote'),
    };
  });
}

/** axe-core's serious and critical violations on the page as it is now, in words. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // The page's CSP refuses inline scripts (as it should): evaluate axe's source instead.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes} nodes)`);
}
