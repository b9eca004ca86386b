/// <reference lib="dom" />
/**
 * Import in the File dialog, in Chromium (issue 15): a writer formats text with the shortcuts
 * and the Markdown input rules, exports Markdown through the File dialog, then imports that
 * file through the File dialog (Browse… shows only Markdown and text files): a new project
 * opens with the same bold, italic, link, lists and quote. A picture that cannot be brought in
 * is named in the opening notice; a missing file is an error and the dialog stays open.
 * Screenshots: test/artifacts/72-import.png (the dialog; -dark too), 72-imported.png (the result), 72-import-warning.png.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { editorFormatting, seriousAxeViolations } from './page-queries';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';

const STEP_TIMEOUT = 90_000;
let studio: StudioInBrowser;
let page: Page;
let exported: string;

beforeAll(async () => {
  studio = await openStudioInBrowser();
  page = studio.page;
  exported = path.join(studio.dataDir, 'Exports', 'harbour', 'harbour.md');
}, 60_000);
afterAll(async () => {
  await studio?.close();
});

const byTestId = (id: string) => page.getByTestId(id);

const WRITTEN = {
  headings: ['Harbour notes'],
  bold: ['boats'],
  italic: ['dusk'],
  links: [['guide', 'https://example.org/guide']],
  bullets: ['Nets', 'Ropes'],
  numbers: ['First tide', 'Second tide'],
  quotes: ['A quiet harbour is a happy one.'],
};

const formattingInEditor = () => editorFormatting(page);

async function openFileDialog(): Promise<void> {
  await byTestId('open-file-menu').click();
  await byTestId('project-dialog').waitFor({ timeout: 10_000 });
}

async function importThroughDialog(file: string): Promise<void> {
  await openFileDialog();
  await byTestId('import-path').fill(file);
  await byTestId('import-article').click();
}

describe('Import in the File dialog', () => {
  it('writes formatted text with the shortcuts and Markdown input rules', async () => {
    await byTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
    await byTestId('use-demo-model').click();
    await byTestId('composer').waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('[data-testid="editor"] .ProseMirror').click();
    await page.keyboard.type('# Harbour notes\nThe ');
    for (const [keys, text] of [
      ['Control+b', 'boats'],
      ['Control+b', ' come in at '],
      ['Control+i', 'dusk'],
      ['Control+i', '. Read the '],
    ] as const) {
      await page.keyboard.press(keys);
      await page.keyboard.type(text);
    }
    await page.keyboard.type('guide');
    for (let i = 0; i < 'guide'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.waitForFunction(() => window.getSelection()?.toString() === 'guide', undefined, { timeout: 5_000 });
    await page.keyboard.press('Control+k');
    await byTestId('link-address').fill('https://example.org/guide');
    await byTestId('link-address').press('Enter');
    await byTestId('link-field').waitFor({ state: 'hidden', timeout: 5_000 });
    await page.keyboard.press('End');
    await page.keyboard.type('.\n- Nets\nRopes\n\n1. First tide\nSecond tide\n\n> A quiet harbour is a happy one.');
    expect(await formattingInEditor()).toEqual(WRITTEN);
  });

  it('exports the article as Markdown through the File dialog', async () => {
    await openFileDialog();
    await byTestId('export-format').selectOption('md');
    await byTestId('export-path').fill(path.join(studio.dataDir, 'Exports', 'harbour.md'));
    await byTestId('export').click();
    await byTestId('toast')
      .filter({ hasText: /Exported to/ })
      .first()
      .waitFor({ timeout: STEP_TIMEOUT });
    // Written after the export: the imported article must not have it (the editor really shows the import).
    await page.locator('[data-testid="editor"] .ProseMirror').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nNot exported.');
  });

  it('imports the exported file through the File dialog: a new project with the same formatting', async () => {
    // Browse… shows the folder of the file the field names, with only what Import takes.
    writeFileSync(path.join(path.dirname(exported), 'notes.txt'), 'Notes');
    writeFileSync(path.join(path.dirname(exported), 'photo.jpg'), 'not an article');
    await openFileDialog();
    await byTestId('import-path').fill(exported);
    await byTestId('import-path-browse').click();
    await byTestId('folder-picker').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => byTestId('picker-entry').allInnerTexts(), { timeout: 10_000 })
      .toEqual([expect.stringMatching(/^harbour\.md/), expect.stringMatching(/^notes\.txt/)]);
    // The file the field names is selected, so Choose takes it.
    await byTestId('picker-choose').click();
    await byTestId('folder-picker').waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await byTestId('import-path').inputValue()).toBe(exported);
    await studio.screenshot('72-import');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await byTestId('import-article').click();
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await page.waitForFunction(() => document.querySelector('[data-testid="project-title"]')?.textContent === 'harbour', undefined, {
      timeout: 10_000,
    });
    await page.locator('[data-testid="editor"] strong').first().waitFor({ timeout: STEP_TIMEOUT });
    expect(await formattingInEditor()).toEqual(WRITTEN);
    expect(await page.locator('[data-testid="editor"]').innerText()).not.toContain('Not exported.');
    expect(await byTestId('toast').filter({ hasText: 'Imported harbour.md as a new project, “harbour”' }).count()).toBe(1);
    await studio.screenshot('72-imported');
  });

  it('names a picture that could not be brought in, and keeps the rest', async () => {
    const lost = path.join(studio.dataDir, 'Exports', 'lost.md');
    writeFileSync(lost, '# Lost and found\n\nStill **here**.\n\n![Gone](gone.png)\n');
    await importThroughDialog(lost);
    await byTestId('opening-notice')
      .filter({ hasText: /gone\.png.* could not be imported/ })
      .waitFor({ timeout: STEP_TIMEOUT });
    await page.waitForFunction(() => document.querySelector('[data-testid="editor"] strong')?.textContent === 'here', undefined, {
      timeout: 10_000,
    });
    await studio.screenshot('72-import-warning');
  });

  it('says why a file cannot be imported and keeps the dialog open', async () => {
    await importThroughDialog(path.join(studio.dataDir, 'Exports', 'nowhere.md'));
    await page
      .locator('[data-testid="toast"].error')
      .filter({ hasText: /could not be found/ })
      .waitFor({ timeout: STEP_TIMEOUT });
    expect(await byTestId('project-dialog').isVisible()).toBe(true);
    expect(await byTestId('project-title').textContent()).toBe('lost');
  });

  it('shows Import in the dark theme too, with nothing axe calls serious', async () => {
    await page.keyboard.press('Escape');
    await byTestId('project-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
    await byTestId('theme-toggle').click();
    await openFileDialog();
    await byTestId('import-path').fill('~/Documents/Harbour towns.md');
    await studio.screenshot('72-import-dark');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
