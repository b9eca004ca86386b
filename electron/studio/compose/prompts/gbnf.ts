/**
 * GBNF grammars (llama.cpp's grammar format) for the compose steps: the structure of every
 * answer is fixed by construction, so nothing is parsed out of free text with a regex.
 */

/** A GBNF string literal. */
function literal(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** Exactly one of the given strings. */
export function oneOf(options: readonly string[]): string {
  return `root ::= ${options.map(literal).join(' | ')}`;
}

/**
 * One short line closed by a quote (the answer is pre-started with the opening quote), e.g. a
 * figure title. The closing quote is part of the answer and is removed by the caller. Control
 * characters are excluded from \x01 on: NUL is not a character a model writes, and the grammar
 * check refuses it (it crashed a sampler).
 */
export function quotedLine(maxChars: number): string {
  return `root ::= [^"\\n\\\\\\x01-\\x1f]{1,${maxChars}} "\\""`;
}

export interface ArticleOutlineShape {
  /** Paragraphs allowed before the first heading. */
  introParagraphs: number;
  sections: Array<{ level: number; title: string }>;
  /** Most paragraphs in total. */
  maxParagraphs: number;
}

/**
 * What may open a paragraph: not '#', and nothing the article leaves out or trims. A paragraph
 * of the tiny model's U+0004s or spaces alone came out empty once control characters were left
 * out (splitArticle), and its section stood bare under its heading. Excluded: C0 and C1
 * controls, DEL, and every character JavaScript's \s matches (NUL is never allowed, see quotedLine).
 */
const PARAGRAPH_START = '[^#\\x01-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';

/**
 * An article whose headings are exactly the outline's, in order, each followed by one or more
 * paragraphs; a paragraph opens with a visible character (PARAGRAPH_START), never '#'.
 * Paragraphs end with a blank line, which is how the stream is split.
 */
export function articleGrammar(shape: ArticleOutlineShape): string {
  const sectionCount = shape.sections.length;
  const perSection = Math.max(1, Math.floor(shape.maxParagraphs / Math.max(1, sectionCount)));
  const rules = [`paragraph ::= ${PARAGRAPH_START} [^\\n]* "\\n\\n"`];
  if (sectionCount === 0) {
    rules.unshift(`root ::= paragraph{1,${shape.maxParagraphs}}`);
    return rules.join('\n');
  }
  const parts: string[] = [];
  if (shape.introParagraphs > 0) parts.push(`paragraph{0,${shape.introParagraphs}}`);
  shape.sections.forEach((section, index) => {
    rules.push(`section${index} ::= ${literal(`${'#'.repeat(section.level)} ${section.title}\n\n`)} paragraph{1,${perSection}}`);
    parts.push(`section${index}`);
  });
  rules.unshift(`root ::= ${parts.join(' ')}`);
  return rules.join('\n');
}
