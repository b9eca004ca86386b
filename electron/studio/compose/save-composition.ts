import { writeFile } from 'node:fs/promises';
import { candidatePictureBytes } from './candidate-picture-bytes';
import path from 'node:path';
import { sniffImageType } from '../../../native-models/images/sniff-image-type';
import type { ArticleDocument } from '../documents/article-document';
import { makeWritableFolder } from '../documents/writable-folder';
import { assetFileName } from '../documents/asset-file-name';
import { documentToHtml } from '../export/document-to-html';
import { documentToMarkdown } from '../export/document-to-markdown';
import { pictureForDisplay } from '../library/picture-for-display';
import type { ComposeDraft } from './compose-article';
import type { ImageCandidate } from './compose-types';

export type CompositionFormat = 'json' | 'md' | 'html';

/**
 * Writes a composed article: the document (.json, with every candidate image so figures can be
 * swapped later) or an article (.md, .html, chosen images only), with the images
 * content-addressed in an `assets/` folder beside it. An article's pictures are ones every viewer
 * shows (a HEIC, TIFF or SVG goes as a JPEG or PNG copy); the document keeps the originals.
 */
export async function saveComposition(document: ArticleDocument, draft: ComposeDraft, outPath: string): Promise<{ assets: number }> {
  const format = path.extname(outPath).slice(1).toLowerCase() as CompositionFormat;
  const assetDir = path.join(path.dirname(outPath), 'assets');
  const images = new Map<string, ImageCandidate>();
  for (const slot of draft.slots) {
    const wanted = format === 'json' ? slot.candidates : slot.chosen === null ? [] : [slot.candidates[slot.chosen]];
    for (const candidate of wanted) if (candidate) images.set(candidate.id, candidate);
  }
  const names = new Map<string, string>();
  // Folders one level at a time: `mkdir -p` never settles under /proc (see writable-folder.ts).
  if (images.size > 0) await makeWritableFolder(assetDir);
  for (const [id, candidate] of images) {
    const source = candidate.original ?? candidate.image;
    const original = Buffer.from(await candidatePictureBytes(source));
    const mimeType = sniffImageType(original) ?? 'application/octet-stream';
    const { bytes, mimeType: written } =
      format === 'json' ? { bytes: original, mimeType } : await pictureForDisplay({ bytes: original, mimeType });
    const name = assetFileName(id, written);
    await writeFile(path.join(assetDir, name), bytes);
    names.set(id, `assets/${name}`);
  }
  const assetPath = (id: string): string | null => names.get(id) ?? null;
  const text =
    format === 'json'
      ? `${JSON.stringify({ document, assets: Object.fromEntries(names) }, null, 2)}\n`
      : format === 'md'
        ? documentToMarkdown(document, assetPath)
        : documentToHtml(document, assetPath, path.basename(outPath, path.extname(outPath)));
  await makeWritableFolder(path.dirname(outPath));
  await writeFile(outPath, text);
  return { assets: images.size };
}
