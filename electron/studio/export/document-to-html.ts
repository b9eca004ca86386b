/**
 * The article as one HTML page. Every piece of the writer's text is escaped (nothing in it is
 * ever markup: bold, italic, links, lists and quotes are the document's own nodes, written as
 * <strong>, <em>, <a href>, <ul>/<ol start>/<li> and <blockquote>), heading levels are clamped
 * to 1-6 (the document was validated, but a level is written into a tag name), links go only to
 * the web or e-mail; image sources come only from `assetPath`.
 * A self-contained page also carries a Content-Security-Policy that allows no scripts, no
 * fetches and no images but embedded ones, so opening it can reach nothing and run nothing.
 */
import { headingLevel, listStart, textOf, type ArticleDocument, type InlineNode, type TextBlockNode } from '../documents/article-document';
import { documentLanguage } from './document-language';
import { escapeAttribute, escapeText } from './escape-html';
import { inlineRuns, inlineTree, type InlineTree } from './inline-runs';

export interface HtmlOptions {
  /**
   * Images are embedded (data URLs): add a policy that forbids everything else.
   * @default false
   */
  selfContained?: boolean;
  /**
   * The page's language.
   * @default the article's (document-language.ts)
   */
  lang?: string;
}

const SELF_CONTAINED_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = [
  'body{max-width:42rem;margin:2rem auto;font:1.05rem/1.6 Georgia,serif;padding:0 1rem;color:#222}',
  'figure{margin:1.5rem 0;text-align:center;break-inside:avoid}',
  'img{max-width:100%;height:auto}',
  'figcaption{font-style:italic;font-size:.9rem;margin-top:.4rem}',
  'blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid #ccc;color:#444}',
  'a{color:#1a4f8b}',
].join('');

/** `assetPath` maps an asset id to the image's URL (relative path or data URL), or null to leave the figure out. */
export function documentToHtml(
  document: ArticleDocument,
  assetPath: (assetId: string) => string | null,
  title = 'Article',
  options: HtmlOptions = {},
): string {
  const body: string[] = [];
  for (const node of document.content) {
    if (node.type !== 'figure') {
      const html = htmlBlock(node, true);
      if (html) body.push(html);
      continue;
    }
    const src = node.attrs.assetId ? assetPath(node.attrs.assetId) : null;
    if (!src) continue;
    const caption = node.attrs.caption ? `<figcaption>${escapeText(node.attrs.caption)}</figcaption>` : '';
    body.push(`<figure><img src="${escapeAttribute(src)}" alt="${escapeAttribute(node.attrs.alt)}">${caption}</figure>`);
  }
  const policy = options.selfContained ? `<meta http-equiv="Content-Security-Policy" content="${SELF_CONTAINED_POLICY}">` : '';
  return [
    '<!doctype html>',
    `<html lang="${escapeAttribute(options.lang ?? documentLanguage(document))}"><head><meta charset="utf-8">${policy}`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

/** A block as HTML; '' for an empty paragraph at the top level (inside a list item it keeps its place). */
function htmlBlock(node: TextBlockNode, topLevel = false): string {
  switch (node.type) {
    case 'heading': {
      const level = headingLevel(node.attrs.level);
      return `<h${level}>${inlineHtml(node.content)}</h${level}>`;
    }
    case 'paragraph':
      return topLevel && !textOf(node) ? '' : `<p>${inlineHtml(node.content)}</p>`;
    case 'blockquote':
      return `<blockquote>${node.content.map((child) => htmlBlock(child)).join('')}</blockquote>`;
    default: {
      const items = node.content.map((item) => `<li>${item.content.map((child) => htmlBlock(child)).join('')}</li>`).join('');
      if (node.type === 'bulletList') return `<ul>${items}</ul>`;
      const start = listStart(node);
      return `<ol${start === 1 ? '' : ` start="${start}"`}>${items}</ol>`;
    }
  }
}

function inlineHtml(content: readonly InlineNode[] | undefined): string {
  const write = (tree: InlineTree): string => {
    if (tree.kind === 'text') return tree.run.lineBreak ? '<br>' : escapeText(tree.run.text);
    const inner = tree.children.map(write).join('');
    if (tree.kind === 'link') return `<a href="${escapeAttribute(tree.href)}">${inner}</a>`;
    return tree.kind === 'bold' ? `<strong>${inner}</strong>` : `<em>${inner}</em>`;
  };
  return inlineTree(inlineRuns(content)).map(write).join('');
}
