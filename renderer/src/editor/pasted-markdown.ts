/** Block Markdown: a heading, a list item, a quote, a fence, a rule or a table row starting a line. */
const BLOCK_MARKDOWN = /^(?:#{1,6}[ \t]|[-*+][ \t]+\S|\d{1,9}[.)][ \t]+\S|>|```|~~~|\|.*\|[ \t]*$)/m;
/** Inline Markdown: a link or a picture, bold or italic, code. */
const INLINE_MARKDOWN =
  /!?\[[^\]\n]*\]\([^)\s]+(?:\s+"[^"\n]*")?\)|\*\*[^*\n]+\*\*|__[^_\n]+__|(?<![\w*])\*[^*\s][^*\n]*\*(?![\w*])|`[^`\n]+`/;
/** HTML that carries structure of its own (a web page, a word processor): Tiptap reads it as it is. */
const STRUCTURED_HTML = /<(?:h[1-6]|p|ul|ol|li|blockquote|a|strong|b|em|i|table|img)[\s>]/i;

/**
 * Whether a paste is Markdown to read as Import reads it: plain text (or a code editor's
 * coloured copy of it, whose HTML has no structure) with Markdown's block or inline syntax.
 */
export function isPastedMarkdown(text: string, html: string): boolean {
  if (!text.trim() || (html && STRUCTURED_HTML.test(html))) return false;
  return BLOCK_MARKDOWN.test(text) || INLINE_MARKDOWN.test(text);
}
