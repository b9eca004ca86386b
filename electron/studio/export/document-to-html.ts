/**
 * The article as one HTML page. Every piece of the writer's text is escaped (the document holds
 * plain text, so nothing in it is ever markup), heading levels are clamped to 1-6 (the document
 * was validated, but a level is written into a tag name); image sources come only from `assetPath`.
 * A self-contained page also carries a Content-Security-Policy that allows no scripts, no
 * fetches and no images but embedded ones, so opening it can reach nothing and run nothing.
 */
import { headingLevel, textOf, type ArticleDocument } from '../documents/article-document';
import { escapeAttribute, escapeText } from './escape-html';

export interface HtmlOptions {
  /**
   * Images are embedded (data URLs): add a policy that forbids everything else.
   * @default false
   */
  selfContained?: boolean;
  /**
   * The page's language.
   * @default 'en'
   */
  lang?: string;
}

const SELF_CONTAINED_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = [
  'body{max-width:42rem;margin:2rem auto;font:1.05rem/1.6 Georgia,serif;padding:0 1rem;color:#222}',
  'figure{margin:1.5rem 0;text-align:center;break-inside:avoid}',
  'img{max-width:100%;height:auto}',
  'figcaption{font-style:italic;font-size:.9rem;margin-top:.4rem}',
].join('');

/** `assetPath` maps an asset id to the image's URL (relative path or data URL), or null to leave the figure out. */
export function documentToHtml(document: ArticleDocument, assetPath: (assetId: string) => string | null, title = 'Article', options: HtmlOptions = {}): string {
  const body: string[] = [];
  for (const node of document.content) {
    if (node.type === 'heading') {
      const level = headingLevel(node.attrs.level);
      body.push(`<h${level}>${escapeText(textOf(node))}</h${level}>`);
    } else if (node.type === 'paragraph') {
      const text = textOf(node);
      if (text) body.push(`<p>${escapeText(text)}</p>`);
    } else if (node.type === 'figure') {
      const src = node.attrs.assetId ? assetPath(node.attrs.assetId) : null;
      if (!src) continue;
      const caption = node.attrs.caption ? `<figcaption>${escapeText(node.attrs.caption)}</figcaption>` : '';
      body.push(`<figure><img src="${escapeAttribute(src)}" alt="${escapeAttribute(node.attrs.alt)}">${caption}</figure>`);
    }
  }
  const policy = options.selfContained ? `<meta http-equiv="Content-Security-Policy" content="${SELF_CONTAINED_POLICY}">` : '';
  return [
    '<!doctype html>',
    `<html lang="${escapeAttribute(options.lang ?? 'en')}"><head><meta charset="utf-8">${policy}`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}
