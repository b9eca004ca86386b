import type { ArticleDocument } from './article-document';
import { parseMarkdownArticle } from './parse-markdown-article';

/**
 * Pasted Markdown as the article's blocks, by the reader Import uses (one reader for a file and
 * a paste). A pasted text has no folder of its own, so its pictures cannot come along: each
 * stays a figure that says where its picture was, and `leftOut` names them for the writer.
 * Read on the bounded Markdown worker with Import's limits (a paste too deep or slow is refused).
 */
export async function readPastedMarkdown(markdown: string): Promise<{ document: ArticleDocument; leftOut: string[] }> {
  const { document, images } = await parseMarkdownArticle(markdown);
  const leftOut: string[] = [];
  for (const image of images) {
    const node = document.content[image.index];
    if (node?.type !== 'figure') continue;
    const source = image.src.length > 120 ? `${image.src.slice(0, 117)}…` : image.src;
    node.attrs.emptyReason = /^https?:/i.test(image.src)
      ? `The picture at ${source} was not pasted: Folio does not fetch pictures from the web. Replace it from your library, or drop the picture here.`
      : `The picture ${source || '(no address)'} was not pasted: a pasted text brings no pictures along. Replace it from your library, or drop the picture here.`;
    leftOut.push(source || (image.alt ? `“${image.alt}”` : 'a picture without an address'));
  }
  return { document, leftOut };
}
