/**
 * The one Markdown layout an article leaves Folio in (`folio compose -o x.md`, `folio export
 * x.md`, the studio's "Markdown folder", and the inside of a Markdown zip): `x.md` with its
 * pictures in `x-images/` beside it, named by figure order (`figure-1.jpg`, …) so a writer can
 * tell them apart and two articles in one folder never share a pictures folder. In a folder of
 * its own name (`Article/Article.md`, the studio's "Markdown folder") the folder is written
 * aside and swapped in whole, so a killed or failed export leaves the one before.
 */
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { extensionForMimeType } from '../../../native-models/images/picture-types';
import type { ArticleDocument } from '../documents/article-document';
import { makeWritableFolder } from '../documents/writable-folder';
import { writeFileAtomic } from '../documents/write-file-atomic';
import { writeFolderAside } from '../documents/write-folder-aside';
import { documentToMarkdown } from './document-to-markdown';
import type { ExportPicture } from './export-pictures';

/** The pictures folder of the article `outPath`: `Article-images` for `Article.md`. */
function markdownPicturesFolder(outPath: string): string {
  return `${path.basename(outPath, path.extname(outPath))}-images`;
}

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

/** The article's Markdown and its pictures by their path relative to it. */
function markdownFiles(
  document: ArticleDocument,
  pictures: Map<string, ExportPicture>,
  outPath: string,
): { markdown: string; files: Map<string, Buffer> } {
  const folder = markdownPicturesFolder(outPath);
  const names = pictureFileNames(document, pictures);
  const markdown = documentToMarkdown(document, (id) => (names.has(id) ? `${folder}/${names.get(id)}` : null));
  const files = new Map<string, Buffer>();
  for (const [id, name] of names) files.set(`${folder}/${name}`, (pictures.get(id) as ExportPicture).bytes);
  return { markdown, files };
}

/** The folder an article owns whole: `NAME/NAME.md`'s `NAME`; null for a `.md` among other files. */
export function ownFolderOf(outPath: string): string | null {
  const folder = path.dirname(outPath);
  return path.basename(folder) === path.basename(outPath, path.extname(outPath)) ? folder : null;
}

/**
 * Writes the article and its pictures, each file atomically (aside, then renamed), and in a folder
 * of its own all or nothing; returns the pictures written.
 */
export async function writeMarkdownArticle(
  document: ArticleDocument,
  pictures: Map<string, ExportPicture>,
  outPath: string,
): Promise<string[]> {
  const folder = ownFolderOf(outPath);
  if (!folder) return writeMarkdownFiles(document, pictures, outPath);
  const own = new Set([path.basename(outPath), markdownPicturesFolder(outPath), '.DS_Store']);
  const name = path.basename(outPath);
  const written = await writeFolderAside(folder, (aside) => writeMarkdownFiles(document, pictures, path.join(aside, name)), {
    // An earlier export of this article (and a temporary file a killed write left) is replaced; nothing else.
    replaceable: (entries) => entries.every((entry) => own.has(entry) || entry.endsWith('.folio-tmp')),
  });
  return written.map((file) => path.join(folder, path.basename(path.dirname(file)), path.basename(file)));
}

async function writeMarkdownFiles(document: ArticleDocument, pictures: Map<string, ExportPicture>, outPath: string): Promise<string[]> {
  const { markdown, files } = markdownFiles(document, pictures, outPath);
  const written: string[] = [];
  if (files.size > 0) await makeWritableFolder(path.join(path.dirname(outPath), markdownPicturesFolder(outPath)));
  for (const [relative, bytes] of files) {
    const file = path.join(path.dirname(outPath), relative);
    await writeFileAtomic(file, bytes);
    written.push(file);
  }
  // The article last: it only ever points at pictures already written.
  await writeFileAtomic(outPath, markdown);
  return written;
}

/** The same layout in one zip: `Article.md` and `Article-images/`, as unpacking it gives. */
export function markdownZip(document: ArticleDocument, pictures: Map<string, ExportPicture>, outPath: string): Uint8Array {
  const article = `${path.basename(outPath, path.extname(outPath))}.md`;
  const { markdown, files } = markdownFiles(document, pictures, article);
  const entries: Zippable = { [article]: [Buffer.from(markdown), { level: 6 }] };
  // Pictures are compressed already; storing them is as small and much faster.
  for (const [relative, bytes] of files) entries[relative] = [bytes, { level: 0 }];
  return zipSync(entries, { mtime: new Date() });
}
