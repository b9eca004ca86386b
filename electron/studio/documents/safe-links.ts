/**
 * Links keep only web and e-mail addresses. Anything else (javascript:, data:, file:, a path)
 * could run code or reach the writer's disk when an exported page is opened, so such a link is
 * dropped to its plain text, on opening a project and on every request that carries a document,
 * rather than refusing the whole article over one link. Exports check again before writing one.
 */
import { textblocksIn, type ArticleDocument, type Mark } from './article-document';

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Whether `href` is an absolute http:, https: or mailto: address, read as a browser reads it. */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string') return false;
  try {
    // The URL parser strips what browsers strip ("java\tscript:", leading spaces) before the scheme is judged.
    return SAFE_PROTOCOLS.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

/** Removes every link mark whose address is not safe (the text stays); returns how many went. */
export function dropUnsafeLinks(document: ArticleDocument): number {
  let dropped = 0;
  for (const block of textblocksIn(document.content)) {
    for (const inline of block.content ?? []) {
      if (!inline.marks) continue;
      const kept = inline.marks.filter((mark: Mark) => mark.type !== 'link' || isSafeHref(mark.attrs.href));
      dropped += inline.marks.length - kept.length;
      if (kept.length > 0) inline.marks = kept;
      else delete inline.marks;
    }
  }
  return dropped;
}
