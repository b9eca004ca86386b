import type { ArticleDocument } from '../documents/article-document';
import { documentToHtml } from './document-to-html';
import type { ExportPicture } from './export-pictures';

/** One HTML file that needs nothing else: pictures embedded as data URLs, nothing fetched, no scripts. */
export function selfContainedHtml(document: ArticleDocument, pictures: Map<string, ExportPicture>, title: string): string {
  const dataUrls = new Map<string, string>();
  for (const [id, picture] of pictures) dataUrls.set(id, `data:${picture.mimeType};base64,${picture.bytes.toString('base64')}`);
  return documentToHtml(document, (id) => dataUrls.get(id) ?? null, title, { selfContained: true });
}
