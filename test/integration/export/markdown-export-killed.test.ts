/**
 * Issue 24, cause 8: the studio's "Markdown folder" export is all or nothing. Written in place, a
 * export killed halfway left the folder with some pictures of the new export beside the old
 * article (which then showed the wrong pictures) or a new article whose pictures were missing.
 * The server, in its own process, exports an article of eight large pictures into `Article`, then
 * exports other versions (the pictures in another order, another text) into the same place and
 * is killed with SIGKILL at seeded moments; after each kill the folder holds one version whole:
 * its text, and under each picture name the picture that version placed there. A kill between the
 * two renames may leave the old folder aside (`.Article.previous-PID`): then that one is whole,
 * and the next export puts it back first. At the end an export succeeds and nothing hidden is left.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { ArticleDocument } from '@contract/studio-api';
import { emptyDocument, figure, paragraph } from '../../../electron/studio/documents/article-document';
import { noisePicture } from '../../helpers/noise-picture';
import { seededRandom } from '../../helpers/seeded-random';
import { serveStudio, type ServedStudio } from '../../helpers/served-studio';

const KILLS = 6;
const PICTURES = 8;
const seed = Number(process.env.FOLIO_FUZZ_SEED ?? Date.now() % 1_000_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-md-export-killed-'));
const dataDir = path.join(dir, 'data');
const outDir = path.join(dir, 'out');
const target = path.join(outDir, 'Article');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hash = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Version `version`: its number in the text, the pictures turned by `version` places. */
function versionOf(version: number, assetIds: string[]): ArticleDocument {
  const document = emptyDocument();
  document.content.push(paragraph(`Version ${version} of the article.`));
  for (let index = 0; index < assetIds.length; index++) {
    const assetId = assetIds[(index + version) % assetIds.length] as string;
    document.content.push(figure({ assetId, caption: `Figure ${index} of version ${version}` }));
  }
  return document;
}

/** The folder holds one version whole; returns its number. `hashes`: each picture's, in import order. */
function wholeVersion(folder: string, hashes: string[]): number {
  const markdown = readFileSync(path.join(folder, 'Article.md'), 'utf8');
  const version = Number(/Version (\d+) of the article/.exec(markdown)?.[1] ?? NaN);
  expect(Number.isInteger(version), `no version in ${markdown.slice(0, 200)}`).toBe(true);
  const names = [...markdown.matchAll(/\]\((Article-images\/[^)\s]+)\)/g)].map((match) => match[1] as string);
  expect(names).toHaveLength(PICTURES);
  expect(readdirSync(path.join(folder, 'Article-images')).sort()).toEqual(names.map((name) => path.basename(name)).sort());
  for (const [index, name] of names.entries()) {
    const found = hash(readFileSync(path.join(folder, name)));
    expect(found, `version ${version}: ${name} holds another picture`).toBe(hashes[(index + version) % PICTURES]);
  }
  return version;
}

async function exportVersion(served: ServedStudio, version: number, assetIds: string[]): Promise<unknown> {
  return served.studio.call('exportArticle', {
    jobId: `md-${version}`,
    document: versionOf(version, assetIds),
    format: 'md',
    path: target,
  });
}

/** Every name and size under `folder`, to see a write begin. */
function treeOf(folder: string): string {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return `${file}:${entry.isFile() ? (statSync(file, { throwIfNoEntry: false })?.size ?? '-') : 'folder'}`;
    })
    .sort()
    .join('\n');
}

/** Waits for `check`; a hang guard of 120 s, not a timing expectation. */
async function until(check: () => boolean): Promise<void> {
  for (const started = Date.now(); !check(); await new Promise((resolve) => setTimeout(resolve, 2)))
    if (Date.now() - started > 120_000) throw new Error('the export never began to write');
}

async function importPictures(served: ServedStudio, pictures: Buffer[]): Promise<string[]> {
  await served.studio.call('openWorkspace');
  const ids: string[] = [];
  for (const [index, picture] of pictures.entries())
    ids.push((await served.studio.call('importImage', { fileName: `p${index}.png`, dataBase64: picture.toString('base64') })).assetId);
  return ids;
}

it(`leaves the folder's earlier export or the new one whole when killed during a Markdown-folder export (FOLIO_FUZZ_SEED=${seed})`, async () => {
  console.log(`markdown-export-killed: FOLIO_FUZZ_SEED=${seed}`);
  const random = seededRandom(seed);
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const pictures = Array.from({ length: PICTURES }, () => noisePicture(random));
  const hashes = pictures.map(hash);
  const outcomes: string[] = [];
  let served = await serveStudio([], dataDir);
  let assetIds: string[];
  try {
    assetIds = await importPictures(served, pictures);
    await exportVersion(served, 0, assetIds);
    expect(wholeVersion(target, hashes)).toBe(0);
  } finally {
    served.close();
  }
  for (let kill = 1; kill <= KILLS; kill++) {
    served = await serveStudio([], dataDir);
    try {
      // The scratch project kept its pictures.
      await served.studio.call('openWorkspace');
      const exporting = exportVersion(served, kill, assetIds).catch(() => null);
      // Killed while it writes (writing 12 MB takes about 100 ms): once anything in the output folder changed, a seeded moment later.
      const before = treeOf(outDir);
      await until(() => treeOf(outDir) !== before);
      await new Promise((resolve) => setTimeout(resolve, random.int(120)));
      served.close();
      await exporting;
    } finally {
      served.close();
    }
    if (existsSync(target)) outcomes.push(`v${wholeVersion(target, hashes)}`);
    else {
      const aside = readdirSync(outDir).filter((name) => name.startsWith('.Article.previous-'));
      expect(aside, `no Article folder and nothing aside after kill ${kill}`).toHaveLength(1);
      outcomes.push(`aside v${wholeVersion(path.join(outDir, aside[0] as string), hashes)}`);
    }
  }
  served = await serveStudio([], dataDir);
  try {
    await served.studio.call('openWorkspace');
    await exportVersion(served, KILLS + 1, assetIds);
  } finally {
    served.close();
  }
  expect(wholeVersion(target, hashes)).toBe(KILLS + 1);
  expect(readdirSync(outDir)).toEqual(['Article']);
  console.log(`markdown-export-killed: ${outcomes.join(', ')}`);
}, 600_000);
