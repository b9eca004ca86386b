/**
 * Markdown out and back in: headings, paragraphs (including text that looks like Markdown or
 * HTML), figures with their captions, alt text and pictures survive, both from the folder
 * export and from the zip. Empty slots are not exported, so they are not expected back.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../../../electron/studio/documents/article-document';
import { importArticleFile } from '../../../electron/studio/documents/import-article';
import { createProject } from '../../../electron/studio/documents/save-project';
import { escapeAttribute, escapeText } from '../../../electron/studio/export/escape-html';
import { exportArticle } from '../../../electron/studio/export/export-article';
import { makeSampleProject } from '../documents/sample-project';

let parent = '';
let project: Awaited<ReturnType<typeof makeSampleProject>>;

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'folio-md-'));
  project = await makeSampleProject(parent);
});
afterAll(() => rm(parent, { recursive: true, force: true }));

/** What an export keeps: every block but empty slots; figures by picture, caption, alt and slot title. */
function essentials(document: ArticleDocument): unknown[] {
  return document.content
    .filter((node) => node.type !== 'figure' || node.attrs.assetId)
    .map((node) =>
      node.type === 'figure'
        ? { type: 'figure', assetId: node.attrs.assetId, caption: node.attrs.caption, alt: node.attrs.alt, slotTitle: node.attrs.slotTitle }
        : node,
    );
}

async function importInto(name: string, markdownFile: string): Promise<ArticleDocument> {
  const dir = await createProject(parent, name);
  const imported = await importArticleFile(dir, markdownFile);
  expect(imported.warnings).toEqual([]);
  expect(imported.assets.map((asset) => asset.assetId).sort()).toEqual(project.assetIds.slice(0, 2).sort());
  return imported.document;
}

describe('Markdown round trip', () => {
  it('keeps headings, paragraphs, figures and captions through a Markdown file with an images folder', async () => {
    const out = path.join(parent, 'export', 'Harbour.md');
    const result = await exportArticle({ projectDir: project.dir, document: project.document, outPath: out });
    expect(result).toMatchObject({ format: 'md', figures: 2, skipped: [expect.stringMatching(/^Figure 3: an empty slot/)] });
    expect(result.extraFiles.map((file) => path.relative(parent, file))).toEqual([
      'export/Harbour-images/figure-1.png',
      'export/Harbour-images/figure-2.jpg',
    ]);
    const markdown = await readFile(out, 'utf8');
    expect(markdown).toContain('![Three small boats on calm water](Harbour-images/figure-1.png "boats at dawn")');
    expect(markdown).toContain('*Fishing boats leave at first light*');
    expect(essentials(await importInto('From folder', out))).toEqual(essentials(project.document));
  });

  it('keeps them through a zip', async () => {
    const out = path.join(parent, 'Harbour.zip');
    await exportArticle({ projectDir: project.dir, document: project.document, outPath: out });
    const entries = unzipSync(await readFile(out));
    expect(Object.keys(entries).sort()).toEqual(['Harbour-images/figure-1.png', 'Harbour-images/figure-2.jpg', 'Harbour.md']);
    const unpacked = path.join(parent, 'unzipped');
    await mkdir(path.join(unpacked, 'Harbour-images'), { recursive: true });
    for (const [name, bytes] of Object.entries(entries)) await writeFile(path.join(unpacked, name), bytes);
    expect(essentials(await importInto('From zip', path.join(unpacked, 'Harbour.md')))).toEqual(essentials(project.document));
  });

  it('reads the reference demo’s centred-image Markdown (what folio compose wrote before it wrote the export’s form)', async () => {
    const { documentToMarkdown } = await import('../../../electron/studio/export/document-to-markdown');
    const out = path.join(parent, 'reference', 'article.md');
    await exportArticle({ projectDir: project.dir, document: project.document, outPath: path.join(parent, 'reference', 'tmp.md') });
    const pictures = new Map([
      [project.assetIds[0], 'tmp-images/figure-1.png'],
      [project.assetIds[1], 'tmp-images/figure-2.jpg'],
    ]);
    // The reference's form: each figure a centred <img> with the caption beneath, the text as Markdown.
    const markdown = project.document.content
      .map((node) => {
        if (node.type !== 'figure') return documentToMarkdown({ ...project.document, content: [node] }, () => null);
        const src = node.attrs.assetId ? pictures.get(node.attrs.assetId) : undefined;
        return src
          ? `<p align="center"><img src="${src}" alt="${escapeAttribute(node.attrs.alt)}" width="600"></p>\n<p align="center"><em>${escapeText(node.attrs.caption)}</em></p>\n`
          : '';
      })
      .filter(Boolean)
      .join('\n');
    await writeFile(out, markdown);
    const document = await importInto('From reference', out);
    const withoutSlotTitles = (nodes: unknown[]): unknown[] =>
      nodes.map((node) => (typeof node === 'object' && node && 'slotTitle' in node ? { ...node, slotTitle: '' } : node));
    expect(essentials(document)).toEqual(withoutSlotTitles(essentials(project.document)));
  });

  it('leaves a figure empty, with the reason, when its picture cannot be found', async () => {
    const file = path.join(parent, 'missing.md');
    await writeFile(file, '# Title\n\n![a cat](nowhere/cat.png)\n\n*The cat*\n\n![web](https://example.com/x.png)\n');
    const dir = await createProject(parent, 'Missing');
    const imported = await importArticleFile(dir, file);
    expect(imported.warnings.map((warning) => warning.message)).toEqual([
      'The picture “nowhere/cat.png” could not be imported: the file could not be found.',
      'The picture “https://example.com/x.png” could not be imported: pictures on the web are not fetched (Folio works offline).',
    ]);
    expect(imported.document.content[1]).toMatchObject({ type: 'figure', attrs: { assetId: null, caption: 'The cat', alt: 'a cat' } });
  });
});
