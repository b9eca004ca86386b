/// <reference lib="dom" />
/**
 * Whole steps a writer takes in the studio, found the way a screen reader finds them (role and
 * accessible name, never the page's structure), so they hold in the browser studio and in the
 * desktop app alike and survive a redesign of the dialogs. Used by the smoke script
 * (test/smoke/), which runs them against the served studio here and the packaged app in the
 * release workflow.
 */
import type { Page } from 'playwright-core';

export const STEP_TIMEOUT = 90_000;

export const modelDialog = (page: Page) => page.getByRole('dialog', { name: 'Model' });
export const fileDialog = (page: Page) => page.getByRole('dialog', { name: 'File' });
export const article = (page: Page) => page.getByRole('textbox', { name: 'Article' });

/** The first-run model setup, shown before anything else on a fresh data folder. */
export async function waitForFirstRunSetup(page: Page): Promise<void> {
  await modelDialog(page).waitFor({ timeout: STEP_TIMEOUT });
  await modelDialog(page)
    .getByRole('button', { name: /nonsense/i })
    .waitFor({ timeout: STEP_TIMEOUT });
}

/** The demo model from model setup; done when the status line says it is ready. */
export async function loadDemoModel(page: Page): Promise<string> {
  await modelDialog(page)
    .getByRole('button', { name: /nonsense/i })
    .click();
  await modelDialog(page).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  const ready = page.getByRole('status').filter({ hasText: /^Ready:/ });
  await ready.waitFor({ timeout: STEP_TIMEOUT });
  return ready.innerText();
}

/** Adds a reference picture to the composer through its file chooser. */
export async function addReferencePicture(page: Page, file: string): Promise<void> {
  await page.getByRole('tab', { name: 'Compose' }).click();
  const chooser = page.waitForEvent('filechooser', { timeout: STEP_TIMEOUT });
  await page.getByRole('button', { name: 'Add pictures…' }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('img', { name: 'Reference picture' }).first().waitFor({ timeout: STEP_TIMEOUT });
}

export interface ComposeOutcome {
  /** The article's text length each time the page changed it while composing (mutation by mutation). */
  lengthsWhileComposing: number[];
  text: string;
}

/**
 * Composes from an outline with `figures` figures, without the library (the reference pictures
 * become the figures); `whileComposing` runs once the compose has started. Records the article's
 * length at every change while the compose runs, so a caller can tell a streamed article from one
 * that appeared at the end.
 */
export async function composeArticle(
  page: Page,
  outline: string,
  figures: number,
  whileComposing?: () => Promise<void>,
): Promise<ComposeOutcome> {
  await page.getByRole('tab', { name: 'Compose' }).click();
  await page.getByRole('textbox', { name: 'Outline or instruction' }).fill(outline);
  await page.getByRole('combobox', { name: 'Figures' }).selectOption(String(figures));
  await page.getByRole('checkbox', { name: 'Use my library' }).setChecked(false);
  await article(page).evaluate((node) => {
    const lengths: number[] = [];
    (window as unknown as { folioLengths: number[] }).folioLengths = lengths;
    new MutationObserver(() => lengths.push((node.textContent ?? '').length)).observe(node, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  await page.getByRole('button', { name: 'Composing…' }).waitFor({ timeout: STEP_TIMEOUT });
  await whileComposing?.();
  await page.getByRole('button', { name: 'Compose', exact: true }).waitFor({ timeout: STEP_TIMEOUT * 3 });
  const lengthsWhileComposing = await page.evaluate(() => (window as unknown as { folioLengths: number[] }).folioLengths);
  return { lengthsWhileComposing, text: await article(page).innerText() };
}

/** Whether the lengths show an article that grew in several steps (streamed), not in one. */
export function grewInSteps(lengths: number[], atLeast = 3): boolean {
  const growing = lengths.filter((length, i) => length > 0 && length > (lengths[i - 1] ?? 0));
  return growing.length >= atLeast;
}

/** The article's pictures that load, each scrolled into view first (figures load lazily), by their source. */
export async function loadedArticlePictures(page: Page): Promise<string[]> {
  const images = article(page).locator('img');
  const loaded: string[] = [];
  for (let i = 0; i < (await images.count()); i++) {
    await images.nth(i).scrollIntoViewIfNeeded();
    const source = await images.nth(i).evaluate(
      (image: HTMLImageElement) =>
        new Promise<string | null>((resolve) => {
          if (image.complete) return resolve(image.naturalWidth > 0 ? image.src : null);
          image.addEventListener('load', () => resolve(image.naturalWidth > 0 ? image.src : null), { once: true });
          image.addEventListener('error', () => resolve(null), { once: true });
          setTimeout(() => resolve(null), 15_000);
        }),
    );
    if (source) loaded.push(source);
  }
  return loaded;
}

/** Save (the toolbar button): done when the save state says Saved. */
export async function saveProject(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Saved$/ })
    .waitFor({ timeout: STEP_TIMEOUT });
}

export async function openFileDialog(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await fileDialog(page).waitFor({ timeout: STEP_TIMEOUT });
}

export async function closeFileDialog(page: Page): Promise<void> {
  if (!(await fileDialog(page).isVisible())) return;
  await page.keyboard.press('Escape');
  await fileDialog(page).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
}

/**
 * Exports through the File dialog in `format` (its option label, e.g. "PDF") to `file`; done
 * when the notice says where. Returns the notice.
 */
export async function exportArticle(page: Page, format: string, file: string): Promise<string> {
  await openFileDialog(page);
  const dialog = fileDialog(page);
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: format });
  await dialog.getByRole('textbox', { name: 'Export to', exact: true }).fill(file);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const notice = page.getByRole('status').filter({ hasText: /Exported to/ });
  await notice.first().waitFor({ timeout: STEP_TIMEOUT * 2 });
  const text = await notice.first().innerText();
  await closeFileDialog(page);
  return text;
}

/** The error notices shown now (role alert), in words. */
export function errorNotices(page: Page): Promise<string[]> {
  return page.getByRole('alert').allInnerTexts();
}

/** The article as the writer reads it (blocks on lines of their own). */
export function articleText(page: Page): Promise<string> {
  return article(page).innerText();
}

/** The article's text without its figures (their captions and notes): headings, paragraphs, lists and quotes, a block a line. */
export function articleTextOnly(page: Page): Promise<string> {
  return article(page).evaluate((article) =>
    [...article.children]
      .filter((block) => !block.querySelector('[data-testid="figure"]') && !block.matches('[data-testid="figure"]'))
      .map((block) => (block as HTMLElement).innerText)
      .join('\n'),
  );
}

/** Replaces the whole article with typed text, as a writer selecting all and typing would. */
export async function typeArticle(page: Page, text: string): Promise<void> {
  await article(page).click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

/** Starts a compose from an outline (without the library unless asked) and waits for its job bar; see composeArticle for a whole one. */
export async function startCompose(page: Page, outline: string, options: { useLibrary?: boolean; figures?: string } = {}): Promise<void> {
  await page.getByRole('tab', { name: 'Compose' }).click();
  await page.getByRole('textbox', { name: 'Outline or instruction' }).fill(outline);
  if (options.figures) await page.getByRole('combobox', { name: 'Figures' }).selectOption(options.figures);
  await page.getByRole('checkbox', { name: 'Use my library' }).setChecked(options.useLibrary ?? false);
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  await page.getByTestId('job-progress').waitFor({ timeout: STEP_TIMEOUT });
}

/** Waits until no job bar is shown. */
export async function waitForJobsToEnd(page: Page): Promise<void> {
  await page.getByTestId('job-progress').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT * 2 });
}

/** Closes every toast shown now. */
export async function dismissToasts(page: Page): Promise<void> {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
}

/** Submits the Ask panel's question and waits for the answer to finish (it may not show busy at all). */
export async function askOnce(page: Page): Promise<void> {
  await page.getByTestId('ask-submit').click();
  await page
    .waitForFunction(() => document.querySelector('[data-testid="ask-answer"]')?.getAttribute('aria-busy') === 'true', undefined, {
      timeout: 5_000,
    })
    .catch(() => undefined);
  await page.waitForFunction(() => document.querySelector('[data-testid="ask-answer"]')?.getAttribute('aria-busy') === 'false', undefined, {
    timeout: STEP_TIMEOUT,
  });
}

/** Asks until an answer shows, at most four times: a random-weight model may end its answer at once; a writer would ask again. */
export async function askUntilAnswered(page: Page): Promise<string> {
  let answer = '';
  for (let attempt = 0; attempt < 4 && !answer; attempt++) {
    await askOnce(page);
    answer = await page.evaluate(() => (document.querySelector('[data-testid="ask-answer"]:not(:has(.hint))')?.textContent ?? '').trim());
  }
  return answer;
}
