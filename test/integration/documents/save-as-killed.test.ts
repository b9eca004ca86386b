/**
 * Issue 24, cause 8: Save As is all or nothing. Written in place, a Save As killed outright left
 * an empty project under the new name (it opened as an empty article, without a warning, and a
 * retry under that name was refused as 'project-exists'). The server, in its own process, is
 * killed with SIGKILL at seeded random moments of a Save As of eight large pictures; after each
 * kill the new name holds either nothing or the whole article with every picture, and a Save As
 * under every name then succeeds and leaves no hidden folder behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ArticleDocument } from '@contract/studio-api';
import { emptyDocument, figure } from '../../../electron/studio/documents/article-document';
import { openProject } from '../../../electron/studio/documents/open-project';
import { noisePicture } from '../../helpers/noise-picture';
import { seededRandom } from '../../helpers/seeded-random';
import { serveStudio } from '../../helpers/served-studio';

const KILLS = 8;
const PICTURES = 8;
const seed = Number(process.env.FOLIO_FUZZ_SEED ?? Date.now() % 1_000_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-save-as-killed-'));
const dataDir = path.join(dir, 'data');
const outDir = path.join(dir, 'out');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Whatever is under the name is the whole article: eight figures, each picture there. */
async function wholeOrNothing(target: string): Promise<'nothing' | 'whole'> {
  if (!existsSync(target)) return 'nothing';
  const opened = await openProject(target);
  const figures = opened.document.content.filter((node) => node.type === 'figure');
  expect(figures, `${target} opened as ${JSON.stringify(opened.document.content.map((node) => node.type))}`).toHaveLength(PICTURES);
  expect(opened.warnings).toEqual([]);
  return 'whole';
}

it(`leaves nothing or the whole project under the new name when killed during Save As (FOLIO_FUZZ_SEED=${seed})`, async () => {
  console.log(`save-as-killed: FOLIO_FUZZ_SEED=${seed}`);
  const random = seededRandom(seed);
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const pictures = Array.from({ length: PICTURES }, () => noisePicture(random).toString('base64'));
  const outcomes: string[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    const served = await serveStudio([], dataDir);
    try {
      await served.studio.call('openWorkspace');
      const document: ArticleDocument = emptyDocument();
      for (const [index, dataBase64] of pictures.entries()) {
        const image = await served.studio.call('importImage', { fileName: `p${index}.png`, dataBase64 });
        document.content.push(figure({ assetId: image.assetId, caption: `Picture ${index}` }));
      }
      const saving = served.studio.call('saveProjectAs', { document, dir: path.join(outDir, `Copy ${kill}.folio`) }).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, random.int(400)));
      served.close();
      await saving;
    } finally {
      served.close();
    }
    outcomes.push(await wholeOrNothing(path.join(outDir, `Copy ${kill}.folio`)));
  }
  // Every name can be saved to now (what a killed Save As left aside is removed), all or nothing.
  const served = await serveStudio([], dataDir);
  try {
    await served.studio.call('openWorkspace');
    for (let kill = 0; kill < KILLS; kill++) {
      const target = path.join(outDir, `Copy ${kill}.folio`);
      if (existsSync(target)) continue;
      const document = emptyDocument();
      await served.studio.call('saveProjectAs', { document, dir: target });
      expect(existsSync(path.join(target, 'document.json'))).toBe(true);
    }
  } finally {
    served.close();
  }
  expect(readdirSync(outDir).filter((name) => name.startsWith('.'))).toEqual([]);
  console.log(`save-as-killed: ${outcomes.join(', ')}`);
}, 600_000);
