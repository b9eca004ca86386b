/**
 * Save serializes everything before it writes anything, a composition is never written under
 * /proc, and the HTML writer clamps heading levels even for a document that skipped validation
 * (issue 12).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heading, paragraph, type ArticleDocument } from '../../../electron/studio/documents/article-document';
import { openProject } from '../../../electron/studio/documents/open-project';
import { createProject, saveProject } from '../../../electron/studio/documents/save-project';
import { saveComposition } from '../../../electron/studio/compose/save-composition';
import { documentToHtml } from '../../../electron/studio/export/document-to-html';

let parent = '';
beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'folio-save-order-'));
});
afterAll(() => rm(parent, { recursive: true, force: true }));

describe('saving', () => {
  it('changes neither file when the document cannot be written out', async () => {
    const dir = await createProject(parent, 'Order');
    const before = await Promise.all(['project.json', 'document.json'].map((name) => readFile(path.join(dir, name), 'utf8')));
    const { manifest } = await openProject(dir);
    // A value JSON cannot hold: what a document built in memory (not from a request) might carry.
    const broken = {
      type: 'doc',
      attrs: { schemaVersion: 1 },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 10n }] }],
    } as unknown as ArticleDocument;
    await expect(saveProject(dir, { document: broken, manifest: { ...manifest, title: 'Changed' } })).rejects.toMatchObject({
      code: 'write-failed',
      message: expect.stringMatching(/last saved version is unchanged/),
    });
    const after = await Promise.all(['project.json', 'document.json'].map((name) => readFile(path.join(dir, name), 'utf8')));
    expect(after).toEqual(before);
  });
});

describe('a composition saved by folio compose', () => {
  it.skipIf(process.platform !== 'linux')('is refused under /proc at once (mkdir -p spun there for good)', async () => {
    const document = { type: 'doc', attrs: { schemaVersion: 1 }, content: [paragraph('Text')] } as ArticleDocument;
    const started = Date.now();
    await expect(saveComposition(document, { blocks: [], slots: [] }, '/proc/self/sub/article.md')).rejects.toMatchObject({
      code: 'location-refused',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('the HTML writer', () => {
  it('writes a heading level as a number from 1 to 6, whatever the document says', () => {
    const hostile = { ...heading(1, 'Title'), attrs: { level: '1><meta http-equiv="refresh" content="0;url=http://evil.example">' } };
    const document = {
      type: 'doc',
      attrs: { schemaVersion: 1 },
      content: [hostile, { ...heading(1, 'Deep'), attrs: { level: 9 } }, paragraph('Text')],
    } as unknown as ArticleDocument;
    const html = documentToHtml(document, () => null);
    expect(html).not.toContain('<meta http-equiv="refresh"');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<h6>Deep</h6>');
  });
});
