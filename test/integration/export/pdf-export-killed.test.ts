/**
 * Issue 24, cause 8: a PDF export's Chromium ends with the server. Playwright ends the browser it
 * started from an exit handler, which a server killed outright (SIGKILL, out of memory) never
 * runs: three Chromium processes were left printing for nobody. Chromium ends by itself when it
 * notices its pipe closed (3 to 8 s later here), but one that is stuck never does: the test
 * stops Chromium's processes (SIGSTOP) before it kills the server, so only Folio can end them.
 * The server, in its own process and with a TMPDIR of the test's own (Chromium's profile is made
 * there, so its processes name it), is killed with SIGKILL at seeded moments while its Chromium
 * prints a long article; after each kill no process naming that folder is left.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ArticleDocument } from '@contract/studio-api';
import { emptyDocument, figure, paragraph } from '../../../electron/studio/documents/article-document';
import { findChromium } from '../../../electron/studio/export/find-chromium';
import { encodePng } from '../../fixtures/png';
import { seededRandom } from '../../helpers/seeded-random';
import { serveStudio } from '../../helpers/served-studio';
import { processesNaming } from '../../helpers/live-processes';

const KILLS = 3;
const seed = Number(process.env.FOLIO_FUZZ_SEED ?? Date.now() % 1_000_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-pdf-killed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Processes whose command line names `folder` (Chromium's profile and crash folders are in it). */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // ended meanwhile
  }
}

async function until(check: () => boolean, limitMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < limitMs;) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

it.skipIf(process.platform !== 'linux' || !findChromium())(
  `leaves no Chromium running when the server is killed during a PDF export (FOLIO_FUZZ_SEED=${seed})`,
  async () => {
    console.log(`pdf-export-killed: FOLIO_FUZZ_SEED=${seed}`);
    const random = seededRandom(seed);
    const dataDir = path.join(dir, 'data');
    for (let kill = 0; kill < KILLS; kill++) {
      const tmp = path.join(dir, `tmp-${kill}`);
      mkdirSync(tmp, { recursive: true });
      const served = await serveStudio([], dataDir, { TMPDIR: tmp });
      try {
        await served.studio.call('openWorkspace');
        const document: ArticleDocument = emptyDocument();
        const picture = encodePng(600, 400, (x, y) => [x % 256, y % 256, (x * y) % 256]).toString('base64');
        for (let index = 0; index < 6; index++) {
          const image = await served.studio.call('importImage', { fileName: `p${index}.png`, dataBase64: picture });
          document.content.push(figure({ assetId: image.assetId, caption: `Picture ${index}` }));
          for (let line = 0; line < 40; line++) document.content.push(paragraph(`Paragraph ${line} after picture ${index}. `.repeat(8)));
        }
        const exporting = served.studio
          .call('exportArticle', { jobId: `pdf-${kill}`, document, format: 'pdf', path: path.join(dir, 'out', `Article ${kill}.pdf`) })
          .catch(() => null);
        // Killed once Chromium runs (a hang guard of 120 s, not a timing expectation), then a seeded moment later.
        expect(await until(() => processesNaming(tmp).length > 0, 120_000), 'Chromium never started').toBe(true);
        await new Promise((resolve) => setTimeout(resolve, random.int(600)));
        for (const pid of processesNaming(tmp)) signal(pid, 'SIGSTOP');
        served.close();
        await exporting;
      } finally {
        served.close();
      }
      // A hang guard: with the watcher they end at once; without it, never.
      const ended = await until(() => processesNaming(tmp).length === 0, 30_000);
      const left = processesNaming(tmp);
      for (const pid of left) signal(pid, 'SIGKILL');
      expect(ended, `processes left after kill ${kill}: ${left.join(', ')}`).toBe(true);
    }
  },
  600_000,
);
