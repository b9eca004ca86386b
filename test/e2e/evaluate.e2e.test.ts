/// <reference lib="dom" />
/**
 * The Evaluate panel in Chromium against the headless studio and the tiny models: a benchmark
 * file typed by path, Run with progress, the table beside the paper's number, Stop, and a file
 * that is not a benchmark refused in words.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MMBENCH_COLUMNS, mmbenchRows, writeTsv } from '../fixtures/benchmark-tsv';
import { seriousAxeViolations } from './page-queries';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';

const STEP_TIMEOUT = 90_000;
let studio: StudioInBrowser;
let page: Page;
let benchmark = '';

beforeAll(async () => {
  studio = await openStudioInBrowser();
  page = studio.page;
  benchmark = writeTsv(
    path.join(studio.dataDir, 'MMBench_DEV_EN_e2e.tsv'),
    [...MMBENCH_COLUMNS],
    mmbenchRows(
      Array.from({ length: 40 }, (_, index) => ({
        index: index + 1,
        options: ['left', 'right', 'up', 'down'],
        answer: index % 4,
        category: index % 2 ? 'odd' : 'even',
        picture: index % 5,
      })),
    ),
  );
}, 60_000);
afterAll(async () => {
  await studio?.close();
});

const byTestId = (id: string) => page.getByTestId(id);

describe('the Evaluate panel', () => {
  it('runs a benchmark on the loaded model and shows the table', async () => {
    await byTestId('model-setup').waitFor({ timeout: STEP_TIMEOUT });
    await byTestId('use-demo-model').click();
    await byTestId('model-setup').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await byTestId('open-model-setup').click();
    await byTestId('evaluate-panel').scrollIntoViewIfNeeded();
    await byTestId('benchmark-path').fill(benchmark);
    await byTestId('evaluate-limit').fill('3');
    await byTestId('run-evaluate').click();
    const table = byTestId('evaluation-table');
    await table.waitFor({ timeout: STEP_TIMEOUT });
    const text = await table.innerText();
    expect(text).toMatch(/MMBench_DEV_EN_e2e\.tsv \(circular\)/);
    expect(text).toMatch(/\| Overall \| 3 \| \d \| [\d.]+ \| [\d.]+–[\d.]+ \| 79\.6 \|/);
    await table.scrollIntoViewIfNeeded();
    await studio.screenshot('evaluate-panel');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('stops a run with Stop and says the answers are kept', async () => {
    await byTestId('evaluate-limit').fill('');
    await byTestId('run-evaluate').click();
    await page.waitForFunction(
      () => /Question [1-9]\d* of 160/.test(document.querySelector('[data-testid="evaluate-status"]')?.textContent ?? ''),
      undefined,
      { timeout: STEP_TIMEOUT },
    );
    await byTestId('cancel-evaluate').click();
    await page.getByText('Stopped. The answers so far are kept').waitFor({ timeout: STEP_TIMEOUT });
    await byTestId('run-evaluate').waitFor();
  });

  it('refuses a file that is not a benchmark, in words', async () => {
    const notes = path.join(studio.dataDir, 'notes.tsv');
    writeFileSync(notes, 'just words\n');
    await byTestId('benchmark-path').fill(notes);
    await byTestId('run-evaluate').click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'not a benchmark TSV file' }).innerText({ timeout: STEP_TIMEOUT }),
    ).resolves.toMatch(/notes\.tsv/);
  });
});
