/**
 * Markdown export: `Article.md` with its pictures in `Article-images/` beside it, or one zip
 * holding `Article.md` and `images/`. Pictures are the original files, named by figure order.
 */
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { extensionForMimeType } from '../../../native-models/images/picture-types';
import type { ArticleDocument } from '../documents/article-document';
import { makeWritableFolder } from '../documents/writable-folder';
import { writeFileAtomic } from '../documents/write-file-atomic';
import { documentToMarkdown } from './document-to-markdown';
import type { ExportPicture } from './export-pictures';

/** Readable names for the exported pictures, in the order the article shows them. */
function pictureFileNames(document: ArticleDocument, pictures: Map<string, ExportPicture>): Map<string, string> {
  const names = new Map<string, string>();
  for (const node of document.content) {
    const id = node.type === 'figure' ? node.attrs.assetId : null;
    const picture = id ? pictures.get(id) : undefined;
    if (!id || !picture || names.has(id)) continue;
    names.set(id, `figure-${names.size + 1}.${extensionForMimeType(picture.mimeType)}`);
  }
  return names;
}

export async function exportMarkdownFolder(
  document: ArticleDocument,
  pictures: Map<string, ExportPicture>,
  outPath: string,
): Promise<string[]> {
  const folderName = `${path.basename(outPath, path.extname(outPath))}-images`;
  const names = pictureFileNames(document, pictures);
  const markdown = documentToMarkdown(document, (id) => (names.has(id) ? `${folderName}/${names.get(id)}` : null));
  const written: string[] = [];
  if (names.size > 0) {
    const folder = path.join(path.dirname(outPath), folderName);
    await makeWritableFolder(folder);
    for (const [id, name] of names) {
      const file = path.join(folder, name);
      await writeFileAtomic(file, (pictures.get(id) as ExportPicture).bytes);
      written.push(file);
    }
  }
  // The article last: it only ever points at pictures already written.
  await writeFileAtomic(outPath, markdown);
  return written;
}

export function markdownZip(document: ArticleDocument, pictures: Map<string, ExportPicture>, outPath: string): Uint8Array {
  const names = pictureFileNames(document, pictures);
  const markdown = documentToMarkdown(document, (id) => (names.has(id) ? `images/${names.get(id)}` : null));
  const entries: Zippable = { [`${path.basename(outPath, path.extname(outPath))}.md`]: [Buffer.from(markdown), { level: 6 }] };
  // Pictures are compressed already; storing them is as small and much faster.
  for (const [id, name] of names) entries[`images/${name}`] = [(pictures.get(id) as ExportPicture).bytes, { level: 0 }];
  return zipSync(entries, { mtime: new Date() });
}
