/**
 * When the studio stops, the page says so (issue 23, minor): it said "try again in a moment"
 * and kept "Ready", though a studio started again has a new token and this page can never reach
 * it. In Chromium against the headless server, which is then closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';

const STEP_TIMEOUT = 90_000;
let studio: StudioInBrowser;

beforeAll(async () => {
  studio = await openStudioInBrowser();
}, 60_000);
afterAll(async () => {
  await studio?.browser.close();
  await studio?.service.close();
});

describe('the studio stopping under an open page', () => {
  it('"Use files I have" shows the demo model\'s files once it is loaded, not the paths typed before (issue 23)', async () => {
    const { page } = studio;
    await page.getByTestId('decoder-path').fill('/somewhere/old-model.gguf', { timeout: STEP_TIMEOUT });
    await page.getByTestId('projector-path').fill('/somewhere/old-mmproj.gguf');
    await page.getByTestId('use-demo-model').click();
    await page.getByTestId('composer').waitFor({ timeout: STEP_TIMEOUT });
    await page.getByTestId('open-model-setup').click();
    const decoder = await page.getByTestId('decoder-path').inputValue({ timeout: STEP_TIMEOUT });
    const projector = await page.getByTestId('projector-path').inputValue();
    expect(decoder).not.toContain('old-model');
    expect(projector).not.toContain('old-mmproj');
    expect(decoder).toMatch(/\.gguf$/);
    expect(projector).toMatch(/\.gguf$/);
    await page.keyboard.press('Escape');
  });

  it('says the studio stopped and how to start it again, and no longer says Ready', async () => {
    const { page } = studio;
    const status = page.getByTestId('model-status');
    await page.waitForFunction(() => document.querySelector('[data-testid="model-status"]')?.getAttribute('data-state') === 'ready', null, {
      timeout: STEP_TIMEOUT,
    });
    expect(await status.textContent()).toContain('Ready');
    await studio.server.close();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="model-status"]')?.getAttribute('data-state') === 'studio-stopped',
      null,
      { timeout: STEP_TIMEOUT },
    );
    const text = (await status.textContent()) ?? '';
    expect(text).toMatch(/The studio has stopped.*Start it again \(npm start, or the Folio app\)/);
    expect(text).not.toContain('Ready');
  });
});
