/// <reference lib="dom" />
/**
 * "Convert a downloaded model" on the model setup screen: the writer types their own
 * InternLM-XComposer2 download (here the tiny random checkpoint), converts it with progress and
 * the converted model loads with its picture adapter, without a restart.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { fixture } from '../helpers/fixture-paths';
import { seriousAxeViolations } from './page-queries';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';

const llamaServer = await findLlamaServerBinary();
let studio: StudioInBrowser;

beforeAll(async () => {
  studio = await openStudioInBrowser({ contextSize: 2048 });
}, 60_000);
afterAll(async () => {
  await studio?.close();
});

describe.skipIf(!llamaServer)('converting a downloaded model', () => {
  it('lists XComposer2 to convert, converts the folder the writer names and loads it', async () => {
    const { page } = studio;
    await page.getByTestId('model-setup').waitFor();
    const panel = page.getByTestId('convert-panel');
    await panel.scrollIntoViewIfNeeded();
    expect(await page.getByTestId('conversion-choice').allInnerTexts()).toEqual([
      expect.stringMatching(/InternLM-XComposer2-VL 7B/),
      expect.stringMatching(/InternLM-XComposer2 7B/),
    ]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('checkpoint-path').fill(fixture('xcomposer2/tiny-bin'));
    await studio.screenshot('40-convert-panel');
    await page.getByTestId('run-convert').click();
    await page.waitForFunction(() => /Ready/.test(document.querySelector('[data-testid="model-status"]')?.textContent ?? ''), undefined, {
      timeout: 90_000,
    });
    // Loaded, the dialog gives way to the article; the folder is in the models folder.
    expect(existsSync(path.join(studio.dataDir, 'models', 'converted', 'tiny-bin-q8_0', 'folio-model.json'))).toBe(true);
    expect(await page.getByTestId('model-status').innerText()).toMatch(/with its picture adapter/);
    await studio.screenshot('41-converted-model-loaded');
  });
});
