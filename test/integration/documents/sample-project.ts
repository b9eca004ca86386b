/**
 * A small project as a writer would have it: headings, paragraphs whose text looks like
 * Markdown and HTML, two figures (a PNG and a JPEG) with captions and alt text, and an empty slot.
 */
import sharp from 'sharp';
import { figure, heading, paragraph, type ArticleDocument } from '../../../electron/studio/documents/article-document';
import { importImage, withAsset } from '../../../electron/studio/documents/import-image';
import { openProject } from '../../../electron/studio/documents/open-project';
import { createProject, saveProject } from '../../../electron/studio/documents/save-project';
import { testPicture } from '../../fixtures/png';

export const SAMPLE_TEXT = {
  title: 'Harbour at Dawn',
  intro: 'The harbour wakes before the town does. # Not a heading, *not emphasis*, 1. not a list & <b>not bold</b>.',
  section: 'Boats and nets',
  body: 'Nets are mended on the quay [not a link](http://example.com) while gulls wait.',
  captions: ['Fishing boats leave at first light', 'Nets drying on the quay wall'],
  alts: ['Three small boats on calm water', 'Green nets hung over a stone wall'],
  closing: 'By nine the quay is quiet again.',
};

async function jpegPicture(seed: number): Promise<Buffer> {
  return sharp(testPicture(seed, 48)).jpeg({ quality: 90 }).toBuffer();
}

export async function makeSampleProject(
  parentDir: string,
  title = SAMPLE_TEXT.title,
): Promise<{ dir: string; document: ArticleDocument; assetIds: string[] }> {
  const dir = await createProject(parentDir, title);
  const opened = await openProject(dir);
  const first = await importImage(dir, { bytes: testPicture(1, 64), name: 'boats.png' });
  const second = await importImage(dir, { bytes: await jpegPicture(2), name: 'nets.jpg' });
  const spare = await importImage(dir, { bytes: testPicture(5, 40), name: 'spare.png' }, 'library');
  const document: ArticleDocument = {
    ...opened.document,
    content: [
      heading(1, SAMPLE_TEXT.title),
      paragraph(SAMPLE_TEXT.intro),
      figure({
        assetId: first.assetId,
        caption: SAMPLE_TEXT.captions[0],
        alt: SAMPLE_TEXT.alts[0],
        slotTitle: 'boats at dawn',
        candidates: [first.assetId, spare.assetId],
        chosen: 0,
      }),
      heading(2, SAMPLE_TEXT.section),
      paragraph(SAMPLE_TEXT.body),
      figure({ assetId: second.assetId, caption: SAMPLE_TEXT.captions[1], alt: SAMPLE_TEXT.alts[1] }),
      figure({ emptyReason: 'Nothing in the library matched “harbour cat”.' }),
      heading(3, 'Afterwards'),
      paragraph(SAMPLE_TEXT.closing),
    ],
  };
  let manifest = opened.manifest;
  for (const picture of [first, second, spare]) manifest = withAsset(manifest, picture.assetId, picture.record);
  await saveProject(dir, { document, manifest });
  return { dir, document, assetIds: [first.assetId, second.assetId, spare.assetId] };
}
