import { emptyDocument, heading, paragraph, type ArticleDocument, type BlockNode } from './article-document';

/** A heading in plain text: one short line on its own, without closing punctuation. */
const HEADING_LIKE = /^[^\n]{1,80}$/;
const CLOSING_PUNCTUATION = /[.!?;:,…"'”’)]$/;
const BULLET = /^[-*•]\s+/;

/**
 * Plain text to the article's document. Blocks are separated by blank lines and their lines
 * joined (hard-wrapped prose); text without any blank line is an outline, one point per line.
 * In prose, a short line standing alone without closing punctuation, with more text after it,
 * is a heading: level 1 when it opens the text, level 2 after that. List bullets are dropped.
 */
export function textToDocument(text: string): ArticleDocument {
  const normalized = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .trim();
  const prose = /\n[ \t]*\n/.test(normalized);
  const blocks = prose ? normalized.split(/\n[ \t]*\n+/).flatMap(joinWrappedLines) : normalized.split('\n');
  const lines = blocks.map((block) => block.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const content: BlockNode[] = lines.map((line, index) => {
    const isHeading = prose && index < lines.length - 1 && HEADING_LIKE.test(line) && !CLOSING_PUNCTUATION.test(line) && !BULLET.test(line);
    if (!isHeading) return paragraph(line.replace(BULLET, ''));
    return heading(index === 0 ? 1 : 2, line);
  });
  const document = emptyDocument();
  document.content = content;
  return document;
}

/** A block of bullet points stays one point per line; any other block is one wrapped paragraph. */
function joinWrappedLines(block: string): string[] {
  const lines = block.split('\n').map((line) => line.trim());
  return lines.every((line) => BULLET.test(line)) ? lines : [lines.join(' ')];
}
