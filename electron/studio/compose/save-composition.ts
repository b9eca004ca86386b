import path from 'node:path';
import { candidatePictureBytes } from './candidate-picture-bytes';
import { sniffImageType } from '../../../native-models/images/sniff-image-type';
import type { ArticleDocument } from '../documents/article-document';
import { makeWritableFolder } from '../documents/writable-folder';
import { assetFileName } from '../documents/asset-file-name';
import { writeFileAtomic } from '../documents/write-file-atomic';
import { writeMarkdownArticle } from '../export/export-markdown';
import type { ExportPicture } from '../export/export-pictures';
import { articleTitle } from '../export/export-pictures';
import { selfContainedHtml } from '../export/self-contained-html';
import { pictureForDisplay } from '../library/picture-for-display';
import type { ComposeDraft } from './compose-article';
import type { ImageCandidate } from './compose-types';

type CompositionFormat = 'json' | 'md' | 'html';

/**
 * Writes a composed article as `folio export` writes one: `.md` in the one Markdown layout
 * (export-markdown.ts), `.html` as one self-contained page, with the chosen pictures as every
 * viewer shows them (a HEIC, TIFF or SVG goes as a JPEG or PNG copy). `.json` is the editor's
 * document with every candidate picture, the originals in an `assets/` folder beside it named by
 * content, so figures can be swapped later. Every file is written atomically.
 */
export async function saveComposition(document: ArticleDocument, draft: ComposeDraft, outPath: string): Promise<{ assets: number }> {
  const format = path.extname(outPath).slice(1).toLowerCase() as CompositionFormat;
  // Folders one level at a time: `mkdir -p` never settles under /proc (see writable-folder.ts).
  await makeWritableFolder(path.dirname(outPath));
  if (format === 'json') return saveDocumentJson(document, draft, outPath);
  const pictures = new Map<string, ExportPicture>();
  for (const slot of draft.slots) {
    const candidate = slot.chosen === null ? undefined : slot.candidates[slot.chosen];
    if (!candidate || pictures.has(candidate.id)) continue;
    const bytes = Buffer.from(await candidatePictureBytes(candidate.original ?? candidate.image));
    pictures.set(candidate.id, await pictureForDisplay({ bytes, mimeType: sniffImageType(bytes) ?? 'application/octet-stream' }));
  }
  if (format === 'md') await writeMarkdownArticle(document, pictures, outPath);
  else await writeFileAtomic(outPath, selfContainedHtml(document, pictures, articleTitle(document)));
  return { assets: pictures.size };
}

async function saveDocumentJson(document: ArticleDocument, draft: ComposeDraft, outPath: string): Promise<{ assets: number }> {
  const assetDir = path.join(path.dirname(outPath), 'assets');
  const images = new Map<string, ImageCandidate>();
  for (const slot of draft.slots) for (const candidate of slot.candidates) images.set(candidate.id, candidate);
  const names = new Map<string, string>();
  if (images.size > 0) await makeWritableFolder(assetDir);
  for (const [id, candidate] of images) {
    const bytes = Buffer.from(await candidatePictureBytes(candidate.original ?? candidate.image));
    const name = assetFileName(id, sniffImageType(bytes) ?? 'application/octet-stream');
    await writeFileAtomic(path.join(assetDir, name), bytes);
    names.set(id, `assets/${name}`);
  }
  await writeFileAtomic(outPath, `${JSON.stringify({ document, assets: Object.fromEntries(names) }, null, 2)}\n`);
  return { assets: images.size };
}
