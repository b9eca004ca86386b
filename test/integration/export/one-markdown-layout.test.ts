/**
 * One way out for an article (issue 25, item 2): `folio compose -o x.md` (saveComposition),
 * `folio export … -o x.md` (a real process) and the studio's "Markdown folder" (through the real
 * server) write the same files for the same document: `x.md` with `x-images/figure-N.ext` beside
 * it. The studio's path names a folder, which holds that layout. Import reads it back whole.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer } from '../../../electron/server/studio-server';
import type { ArticleDocument } from '../../../electron/studio/documents/article-document';
import { importArticleFile } from '../../../electron/studio/documents/import-article';
import { createProject } from '../../../electron/studio/documents/save-project';
import { saveComposition } from '../../../electron/studio/compose/save-composition';
import type { SlotDraft } from '../../../electron/studio/compose/compose-types';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { connectStudio } from '../../helpers/studio-client';
import { makeSampleProject } from '../documents/sample-project';

let parent = '';
let project: Awaited<ReturnType<typeof makeSampleProject>>;

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'folio-one-layout-'));
  project = await makeSampleProject(parent);
});
afterAll(() => rm(parent, { recursive: true, force: true }));

/** Every file under `dir`, by its path relative to it, with a hash of its bytes. */
async function filesUnder(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((each) => each.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return files;
}

/** The compose's draft for the sample document: each figure's picture as its one chosen candidate. */
async function draftOf(document: ArticleDocument): Promise<{ blocks: []; slots: SlotDraft[] }> {
  const assets = await readdir(path.join(project.dir, 'assets'));
  const slots: SlotDraft[] = [];
  for (const node of document.content) {
    if (node.type !== 'figure' || !node.attrs.assetId) continue;
    const id = node.attrs.assetId;
    const bytes = await readFile(path.join(project.dir, 'assets', assets.find((name) => name.startsWith(id)) as string));
    const candidate = { id, image: { bytes }, provenance: 'reference' as const };
    slots.push({ afterParagraph: 0, title: '', candidates: [candidate], chosen: 0, caption: '', alt: '', emptyReason: null });
  }
  return { blocks: [], slots };
}

async function exportInStudio(outPath: string): Promise<string> {
  const service = await StudioService.create({
    dataDir: path.join(parent, 'studio-data'),
    shell: 'browser',
    loadConfiguredModel: false,
    modelsDir: path.join(parent, 'studio-data', 'models'),
  });
  const server = await startStudioServer({ service });
  const studio = await connectStudio(server.baseUrl, server.token);
  try {
    await studio.call('openProject', { dir: project.dir, jobId: 'open' });
    const result = await studio.call('exportArticle', { jobId: 'export', document: project.document, format: 'md', path: outPath });
    return result.path;
  } finally {
    studio.close();
    await server.close();
    await service.close();
  }
}

describe('one Markdown layout', () => {
  it('is what folio compose -o, folio export -o and the studio write, and import reads it back', { timeout: 120_000 }, async () => {
    const composed = path.join(parent, 'composed', 'Harbour.md');
    await saveComposition(project.document, await draftOf(project.document), composed);

    const exported = path.join(parent, 'exported', 'Harbour.md');
    const run = spawnSync(process.execPath, [path.resolve('bin/folio.js'), 'export', project.dir, '-o', exported], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);

    const fromStudio = await exportInStudio(path.join(parent, 'studio', 'Harbour'));
    expect(fromStudio).toBe(path.join(parent, 'studio', 'Harbour', 'Harbour.md'));

    const layout = await filesUnder(path.dirname(exported));
    expect(Object.keys(layout).sort()).toEqual(['Harbour-images/figure-1.png', 'Harbour-images/figure-2.jpg', 'Harbour.md']);
    expect(await filesUnder(path.dirname(composed))).toEqual(layout);
    expect(await filesUnder(path.dirname(fromStudio))).toEqual(layout);

    const imported = await importArticleFile(await createProject(parent, 'Read back'), composed);
    expect(imported.warnings).toEqual([]);
    const figures = imported.document.content
      .filter((node) => node.type === 'figure')
      .map((node) => node.type === 'figure' && node.attrs.assetId);
    expect(figures).toEqual(project.assetIds.slice(0, 2));
  });
});
