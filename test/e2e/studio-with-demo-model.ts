import { openStudioInBrowser, type StudioInBrowser } from './studio-browser';
import { loadDemoModel, waitForFirstRunSetup } from './writer-steps';

/** A fresh studio in Chromium with the demo model loaded, as a newcomer's first run leaves it. */
export async function openStudioWithDemoModel(): Promise<StudioInBrowser> {
  const studio = await openStudioInBrowser();
  try {
    await waitForFirstRunSetup(studio.page);
    await loadDemoModel(studio.page);
  } catch (error) {
    await studio.close();
    throw error;
  }
  return studio;
}
